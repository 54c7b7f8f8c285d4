package org.medimg4j.dicom.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.dictionary.Tag;

class ModalityLutTest {

    private static Attributes dataSet(DicomBytes b) throws IOException {
        return b.read(DicomBytes.EXPLICIT_LE).dataSet();
    }

    @Test
    void rescaleSlopeAndInterceptGiveHounsfieldUnits() throws IOException {
        ModalityLut lut = ModalityLut.read(dataSet(DicomBytes.explicitLe()
                .text(Tag.RescaleIntercept, VR.DS, "-1024").text(Tag.RescaleSlope, VR.DS, "1")
                .text(Tag.RescaleType, VR.LO, "HU")), false);
        assertTrue(lut.isLinear());
        assertEquals("HU", lut.type());
        float[] out = new float[3];
        lut.apply(SampleBuffer.of(new short[] {0, 1024, (short) 65535}, 0), true, 3, out, 0);
        assertArrayEquals(new float[] {-1024, 0, 64511}, out);
        assertTrue(lut.isInt16Exact(0, 4095));
        assertFalse(lut.isInt16Exact(0, 65535), "64511 does not fit int16");
        short[] s = new short[2];
        lut.applyInt16(SampleBuffer.of(new short[] {0, 2000}, 0), true, 2, s, 0);
        assertArrayEquals(new short[] {-1024, 976}, s);
    }

    @Test
    void fractionalSlopeIsNotInt16ExactAndAppliesToSignedSamples() throws IOException {
        ModalityLut lut = ModalityLut.read(dataSet(DicomBytes.explicitLe()
                .text(Tag.RescaleIntercept, VR.DS, "-1000").text(Tag.RescaleSlope, VR.DS, "0.5")), true);
        assertFalse(lut.isInt16Exact(-100, 100));
        float[] out = new float[2];
        lut.apply(SampleBuffer.of(new short[] {-3, 7}, 0), false, 2, out, 0);
        assertArrayEquals(new float[] {-1001.5f, -996.5f}, out);
    }

    @Test
    void absentRescaleIsIdentity() throws IOException {
        ModalityLut lut = ModalityLut.read(dataSet(DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "MR")), false);
        assertTrue(lut.isIdentity());
        float[] out = new float[2];
        lut.apply(SampleBuffer.of(new byte[] {(byte) 200, 5}, 0), true, 2, out, 0);
        assertArrayEquals(new float[] {200, 5}, out);
    }

    @Test
    void modalityLutSequenceIsLookedUpAndClampedAtBothEnds() throws IOException {
        DicomBytes item = DicomBytes.explicitLe().us(Tag.LUTDescriptor, 4, 10, 16)
                .text(Tag.ModalityLUTType, VR.LO, "OD").us(Tag.LUTData, 100, 200, 300, 400);
        ModalityLut lut = ModalityLut.read(dataSet(DicomBytes.explicitLe()
                .sequence(Tag.ModalityLUTSequence, VR.SQ, DicomBytes.explicitLe().item(item))), false);
        assertFalse(lut.isLinear());
        assertEquals("OD", lut.type());
        float[] out = new float[4];
        lut.apply(SampleBuffer.of(new short[] {5, 10, 12, 99}, 0), true, 4, out, 0);
        assertArrayEquals(new float[] {100, 100, 300, 400}, out);
    }

    @Test
    void zeroSlopeAndLoneInterceptAreRefusedNamingTheTag() throws IOException {
        DicomException zero = assertThrows(DicomException.class, () -> ModalityLut.read(dataSet(DicomBytes
                .explicitLe().text(Tag.RescaleIntercept, VR.DS, "0").text(Tag.RescaleSlope, VR.DS, "0")), false));
        assertTrue(zero.getMessage().contains("(0028,1053) RescaleSlope"), zero.getMessage());
        DicomException lone = assertThrows(DicomException.class, () -> ModalityLut.read(dataSet(DicomBytes
                .explicitLe().text(Tag.RescaleIntercept, VR.DS, "-1024")), false));
        assertTrue(lone.getMessage().contains("without (0028,1053) RescaleSlope"), lone.getMessage());
    }

    @Test
    void lutShorterThanItsDescriptorIsRefused() throws IOException {
        DicomBytes item = DicomBytes.explicitLe().us(Tag.LUTDescriptor, 8, 0, 16).us(Tag.LUTData, 1, 2, 3);
        DicomException e = assertThrows(DicomException.class, () -> ModalityLut.read(dataSet(DicomBytes.explicitLe()
                .sequence(Tag.ModalityLUTSequence, VR.SQ, DicomBytes.explicitLe().item(item))), false));
        assertTrue(e.getMessage().contains("(0028,3006) LUTData"), e.getMessage());
    }
}
