package org.medimg4j.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.medimg4j.dicom.codec.FrameDecoder;
import org.medimg4j.dicom.codec.RleDecoder;

/**
 * Coverage-guided fuzzing of {@link RleDecoder} (RLE Lossless, PS3.5 Annex G): a frame format from the input's
 * first bytes, the rest as the frame (see {@link FuzzedFrame}). Only a {@link org.medimg4j.dicom.DicomException}
 * may come out, within {@link FuzzLimits#TIMEOUT_SECONDS}. Without JAZZER_FUZZ this runs each stored input in
 * {@code RleDecoderFuzzTestInputs/decode/} once: the seeds and the regression corpus.
 */
class RleDecoderFuzzTest {

    private static final FrameDecoder DECODER = new RleDecoder();

    @Timeout(value = FuzzLimits.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzLimits.FUZZ_DURATION)
    void decode(byte[] input) {
        FuzzedFrame.of(input).ifPresent(frame -> frame.decodeWith(DECODER));
    }
}
