package org.medimg4j.dicom.fuzz;

/**
 * The time limits every fuzz target shares: how long one fuzzing run lasts, and how long one input may take.
 *
 * <p>{@link #FUZZ_DURATION} is what CI spends per target ({@code .ci/run}: about a minute for all of them,
 * JVM starts included). It is the annotation's value rather than a CI flag so that a fuzzing run can never fall
 * back to Jazzer's default of five minutes per target.
 *
 * <p>Each target carries {@code @Timeout(FuzzLimits.TIMEOUT_SECONDS)}. In a regression run (no JAZZER_FUZZ) JUnit
 * applies it to each stored input, so an input that once hung fails the build instead of stalling it. While
 * fuzzing, Jazzer 0.24 turns the same annotation into libFuzzer's {@code -timeout}, a limit per input whose breach
 * is a finding (a "timeout-…" input is written beside the seeds). JUnit would also apply it to the whole fuzzing
 * run, which is one JUnit invocation (Jazzer issue #930), so {@code .ci/run} fuzzes with
 * {@code -Djunit.jupiter.execution.timeout.mode=disabled}.
 *
 * <p>Five seconds is far above what any input needs (frames are at most 256 × 256 × 3 samples, inputs a few KB;
 * decodes take micro- to milliseconds) yet far below a hang, so only a pathological input trips it, even on a
 * loaded CI machine.
 */
final class FuzzLimits {

    /** One fuzzing run of one target (with JAZZER_FUZZ set), in Jazzer's duration syntax. */
    static final String FUZZ_DURATION = "10s";

    /** Per input, in seconds. */
    static final long TIMEOUT_SECONDS = 5;

    private FuzzLimits() {
    }
}
