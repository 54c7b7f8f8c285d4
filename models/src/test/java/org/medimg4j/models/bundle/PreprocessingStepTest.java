package org.medimg4j.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.transform.intensity.ScaleIntensityRange;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.intensity.ZScoreNormalize;
import org.medimg4j.core.transform.spatial.CropOrPad;
import org.medimg4j.core.transform.spatial.Interpolation;
import org.medimg4j.core.transform.spatial.Padding;
import org.medimg4j.core.transform.spatial.Reorient;
import org.medimg4j.core.transform.spatial.Resample;

class PreprocessingStepTest {

    @Test
    void windowLevelKeepsCentreWidthAndScaling() {
        WindowLevel w = (WindowLevel) PreprocessingStep.windowLevel(-600, 1500, true).toTransform();
        assertEquals(-600, w.centerHu());
        assertEquals(1500, w.widthHu());
        assertTrue(w.isScaledToUnit());
    }

    @Test
    void scaleIntensityRangeKeepsItsRanges() {
        ScaleIntensityRange s = (ScaleIntensityRange) PreprocessingStep.scaleIntensityRange(-175, 250, 0, 1, true)
                .toTransform();
        assertEquals(-175, s.aMin());
        assertEquals(250, s.aMax());
        assertEquals(1, s.bMax());
        assertTrue(s.clip());
    }

    @Test
    void zScoreKeepsRegionAndChannelWise() {
        ZScoreNormalize z = (ZScoreNormalize) PreprocessingStep.zScoreNormalize(
                ZScoreNormalize.StatisticsRegion.NONZERO, true).toTransform();
        assertEquals(ZScoreNormalize.StatisticsRegion.NONZERO, z.statisticsRegion());
        assertTrue(z.isChannelWise());
    }

    @Test
    void spatialStepsKeepTheirParameters() {
        Resample r = (Resample) new PreprocessingStep(PreprocessingStep.RESAMPLE_TO_SPACING, Map.of("sxMm", 0.5,
                "syMm", 0.5, "szMm", 2, "interpolation", "nearest", "padding", -1000)).toTransform();
        assertEquals(Interpolation.NEAREST, r.interpolation());
        assertEquals(Padding.constant(-1000f), r.padding());
        assertEquals("RAS", ((Reorient) PreprocessingStep.reorientTo("ras").toTransform()).target());
        CropOrPad c = (CropOrPad) PreprocessingStep.cropOrPadToSize(64, 32, 1, -1000).toTransform();
        assertArrayEquals(new int[] {64, 32, 1}, c.size());
        assertEquals(-1000, c.padValue());
    }

    @Test
    void badParametersAreNamed() {
        assertMessage("'centerHu' is missing",
                new PreprocessingStep(PreprocessingStep.WINDOW_LEVEL, Map.of("widthHu", 400)));
        assertMessage("'nx' must be an integer",
                new PreprocessingStep(PreprocessingStep.CROP_OR_PAD_TO_SIZE, Map.of("nx", 1.5, "ny", 2, "nz", 1)));
        assertMessage("'statistics' must be WHOLE_IMAGE, NONZERO or LABEL",
                new PreprocessingStep(PreprocessingStep.Z_SCORE_NORMALIZE, Map.of("statistics", "MASK")));
        assertMessage("'clip' must be true or false", new PreprocessingStep(PreprocessingStep.SCALE_INTENSITY_RANGE,
                Map.of("aMin", 0, "aMax", 1, "bMin", 0, "bMax", 1, "clip", "yes")));
        assertThrows(PreprocessingStep.UnknownTransformException.class,
                () -> new PreprocessingStep("RandomFlip", Map.of()).toTransform());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PreprocessingStep(" ", Map.of()));
        assertTrue(e.getMessage().contains("type"));
    }

    @Test
    void trainingSummaryTakesEpochsAndBestValueFromARun() {
        var e = new org.medimg4j.models.train.EpochRecord(0, 0.5, 0.8, 0.01, 1.0, true, 16);
        var e1 = new org.medimg4j.models.train.EpochRecord(1, 0.4, 0.7, 0.01, 1.0, false, 16);
        var run = new org.medimg4j.models.train.TrainingResult(java.util.List.of(e, e1), 1, 0, 0.8,
                org.medimg4j.models.train.TrainingResult.StopReason.MAX_EPOCHS, null, null);
        TrainingSummary s = TrainingSummary.of("phantoms", 8, 2, "dice[1]", run);
        assertEquals(2, s.epochs());
        assertEquals(Map.of("dice[1]", 0.8), s.validationMetrics());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new TrainingSummary("x", -1, 0, 0, null));
        assertTrue(ex.getMessage().contains("trainingCases"));
    }

    private static void assertMessage(String expected, PreprocessingStep step) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, step::toTransform);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
