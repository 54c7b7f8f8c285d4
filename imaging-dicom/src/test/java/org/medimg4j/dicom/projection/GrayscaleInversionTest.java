package org.medimg4j.dicom.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.projection.GrayscaleInversion.Policy;

class GrayscaleInversionTest {

    private static GrayscaleInversion honour(String pi, String shape) {
        return GrayscaleInversion.decide(pi, shape, Policy.HONOUR_SHAPE);
    }

    @Test
    void consistentPairsInvertOnlyMonochrome1AndOnlyOnce() {
        assertTrue(honour("MONOCHROME1", "INVERSE").invert());
        assertTrue(honour("MONOCHROME1", "INVERSE").warning().isEmpty());
        assertEquals(false, honour("MONOCHROME2", "IDENTITY").invert());
        assertTrue(honour("MONOCHROME2", "IDENTITY").warning().isEmpty());
    }

    @Test
    void withoutAShapeThePhotometricInterpretationDecides() {
        assertTrue(honour("MONOCHROME1", null).invert());
        assertTrue(honour("MONOCHROME1", "  ").invert());
        assertEquals(false, honour("MONOCHROME2", "").invert());
        assertTrue(honour("MONOCHROME1", "").warning().isEmpty());
    }

    @Test
    void contradictingShapeWinsWithAWarningAsInDcmtk() {
        GrayscaleInversion m2Inverse = honour("MONOCHROME2", "INVERSE");
        assertTrue(m2Inverse.invert());
        assertTrue(m2Inverse.warning().orElseThrow().contains("INVERSE contradicts MONOCHROME2"),
                m2Inverse.warning().toString());
        GrayscaleInversion m1Identity = honour("MONOCHROME1", "identity ");
        assertEquals(false, m1Identity.invert());
        assertTrue(m1Identity.warning().orElseThrow().contains("(2050,0020) PresentationLUTShape IDENTITY"),
                m1Identity.warning().toString());
    }

    @Test
    void photometricOnlyPolicyIgnoresAContradictingShape() {
        GrayscaleInversion m2Inverse = GrayscaleInversion.decide("MONOCHROME2", "INVERSE", Policy.PHOTOMETRIC_ONLY);
        assertEquals(false, m2Inverse.invert());
        assertTrue(m2Inverse.warning().orElseThrow().contains("shape ignored"), m2Inverse.warning().toString());
        assertTrue(GrayscaleInversion.decide("MONOCHROME1", "IDENTITY", Policy.PHOTOMETRIC_ONLY).invert());
        assertTrue(GrayscaleInversion.decide("MONOCHROME1", "INVERSE", Policy.PHOTOMETRIC_ONLY).warning().isEmpty());
    }

    @Test
    void unknownShapeIsIgnoredWithAWarning() {
        GrayscaleInversion linOd = honour("MONOCHROME1", "LIN OD");
        assertTrue(linOd.invert());
        assertTrue(linOd.warning().orElseThrow().contains("\"LIN OD\" is neither IDENTITY nor INVERSE"),
                linOd.warning().toString());
        assertEquals(false, honour("MONOCHROME2", "LIN OD").invert());
    }
}
