package org.medimg4j.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.medimg4j.dicom.codec.FrameDecoder;

/**
 * Coverage-guided fuzzing of the JPEG-LS decoder (lossless and near-lossless, ITU T.87), exactly like the other
 * decoder targets (see {@link FuzzedFrame}). The decoder is written on another branch, so this target finds it by
 * name and compiles only against {@link FrameDecoder}: until {@value #DECODER_CLASS} is on the class path the
 * class is skipped with a message saying so, and once it is, the target (and its seeds in
 * {@code JpegLsDecoderFuzzTestInputs/decode/}) runs with nothing more to do.
 */
class JpegLsDecoderFuzzTest {

    /** The decoder's class, looked up at run time. */
    static final String DECODER_CLASS = "org.medimg4j.dicom.codec.JpegLsDecoder";

    private static FrameDecoder decoder;

    @BeforeAll
    static void findDecoder() throws ReflectiveOperationException {
        decoder = lookUp(DECODER_CLASS);
    }

    /**
     * @param name a decoder class with a public no-argument constructor
     * @return a new instance; aborts (skips) the tests when the class does not exist
     * @throws ReflectiveOperationException when the class exists but cannot be created: the target needs updating
     * @throws ClassCastException           when the class is not a {@link FrameDecoder}
     */
    static FrameDecoder lookUp(String name) throws ReflectiveOperationException {
        Class<?> type;
        try {
            type = Class.forName(name);
        } catch (ClassNotFoundException absent) {
            Assumptions.abort(name + " is not on the class path (the JPEG-LS decoder is not merged yet): "
                    + "nothing to fuzz");
            throw absent; // not reached: abort always throws
        }
        return type.asSubclass(FrameDecoder.class).getConstructor().newInstance();
    }

    @Timeout(value = FuzzLimits.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzLimits.FUZZ_DURATION)
    void decode(byte[] input) {
        FuzzedFrame.of(input).ifPresent(frame -> frame.decodeWith(decoder));
    }
}
