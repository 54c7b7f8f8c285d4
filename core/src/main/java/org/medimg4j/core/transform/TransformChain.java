package org.medimg4j.core.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Transforms applied in order: the fluent way to build preprocessing. Immutable; {@link #then} returns a new
 * chain.
 *
 * <pre>{@code
 * TransformChain prep = TransformChain.of(Resample.toSpacing(1.0, 1.0, 1.0))
 *         .then(WindowLevel.of(40, 400))
 *         .then(ZScoreNormalize.create());
 * Sample out = prep.apply(Sample.of(ct, mask));
 * }</pre>
 */
public final class TransformChain implements Transform {

    private final List<Transform> steps;

    private TransformChain(List<Transform> steps) {
        this.steps = List.copyOf(steps);
    }

    /** @return a chain of {@code steps}, in order (none: the identity) */
    public static TransformChain of(Transform... steps) {
        for (int i = 0; i < steps.length; i++) {
            Objects.requireNonNull(steps[i], "transform chain step " + i);
        }
        return new TransformChain(Arrays.asList(steps));
    }

    /** @return a new chain with {@code next} appended */
    @Override
    public TransformChain then(Transform next) {
        Objects.requireNonNull(next, "next");
        List<Transform> s = new ArrayList<>(steps);
        s.add(next);
        return new TransformChain(s);
    }

    /** @return the steps, in order */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public Sample apply(Sample sample) {
        Sample s = sample;
        for (Transform t : steps) {
            s = t.apply(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "TransformChain" + steps;
    }
}
