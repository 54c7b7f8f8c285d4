package org.medimg4j.dicom.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

class VoiSettingsTest {

    private static Attributes dataSet(DicomBytes b) throws IOException {
        return b.read(DicomBytes.EXPLICIT_LE).dataSet();
    }

    private static DicomBytes windows(String centers, String widths) {
        return DicomBytes.explicitLe().text(Tag.WindowCenter, VR.DS, centers).text(Tag.WindowWidth, VR.DS, widths);
    }

    @Test
    void readsEveryWindowWithItsExplanationAndTheDefaultLinearFunction() throws IOException {
        VoiSettings voi = VoiSettings.read(dataSet(windows("40\\-600\\400", "400\\1500\\1800")
                .text(Tag.WindowCenterWidthExplanation, VR.LO, "SOFT\\LUNG\\BONE")), false);
        assertEquals(List.of(new VoiWindow(40, 400, VoiFunction.LINEAR, "SOFT"),
                new VoiWindow(-600, 1500, VoiFunction.LINEAR, "LUNG"),
                new VoiWindow(400, 1800, VoiFunction.LINEAR, "BONE")), voi.windows());
        assertTrue(voi.tables().isEmpty());
        assertEquals("SOFT", voi.firstWindow().orElseThrow().explanation());
    }

    @Test
    void readsTheVoiLutFunction() throws IOException {
        VoiSettings exact = VoiSettings.read(dataSet(windows("10", "0.5")
                .text(Tag.VOILUTFunction, VR.CS, "LINEAR_EXACT")), false);
        assertEquals(VoiFunction.LINEAR_EXACT, exact.windows().get(0).function());
        assertEquals(0.5, exact.windows().get(0).width());
        VoiSettings sigmoid = VoiSettings.read(dataSet(windows("10", "20").text(Tag.VOILUTFunction, VR.CS,
                "SIGMOID")), false);
        assertEquals(VoiFunction.SIGMOID, sigmoid.windows().get(0).function());
    }

    @Test
    void missingExplanationsReadAsEmpty() throws IOException {
        VoiSettings voi = VoiSettings.read(dataSet(windows("1\\2", "10\\20")
                .text(Tag.WindowCenterWidthExplanation, VR.LO, "ONLY ONE")), false);
        assertEquals("ONLY ONE", voi.windows().get(0).explanation());
        assertEquals("", voi.windows().get(1).explanation());
    }

    @Test
    void mismatchedCentreAndWidthCountsAreRefusedNamingBothTags() throws IOException {
        Attributes ds = dataSet(windows("40\\-600", "400"));
        DicomException e = assertThrows(DicomException.class, () -> VoiSettings.read(ds, false));
        assertTrue(e.getMessage().contains("(0028,1050) WindowCenter has 2"), e.getMessage());
        assertTrue(e.getMessage().contains("(0028,1051) WindowWidth has 1"), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.dcm"), e.getMessage());
        Attributes lone = dataSet(DicomBytes.explicitLe().text(Tag.WindowCenter, VR.DS, "40"));
        DicomException e2 = assertThrows(DicomException.class, () -> VoiSettings.read(lone, false));
        assertTrue(e2.getMessage().contains("(0028,1051) WindowWidth has 0"), e2.getMessage());
    }

    @Test
    void widthTheFunctionRefusesIsReportedOnTheWidthTag() throws IOException {
        DicomException linear = assertThrows(DicomException.class,
                () -> VoiSettings.read(dataSet(windows("40\\40", "400\\0.5")), false));
        assertTrue(linear.getMessage().contains("(0028,1051) WindowWidth"), linear.getMessage());
        assertTrue(linear.getMessage().contains("value 2 is 0.5"), linear.getMessage());
        DicomException sigmoid = assertThrows(DicomException.class, () -> VoiSettings.read(dataSet(windows("40", "0")
                .text(Tag.VOILUTFunction, VR.CS, "SIGMOID")), false));
        assertTrue(sigmoid.getMessage().contains("(0028,1051) WindowWidth"), sigmoid.getMessage());
    }

    @Test
    void unknownFunctionAndNonNumbersAreRefusedNamingTheTag() throws IOException {
        DicomException f = assertThrows(DicomException.class, () -> VoiSettings.read(dataSet(windows("1", "2")
                .text(Tag.VOILUTFunction, VR.CS, "GAMMA")), false));
        assertTrue(f.getMessage().contains("(0028,1056) VOILUTFunction") && f.getMessage().contains("GAMMA"),
                f.getMessage());
        DicomException n = assertThrows(DicomException.class,
                () -> VoiSettings.read(dataSet(windows("abc", "2")), false));
        assertTrue(n.getMessage().contains("(0028,1050) WindowCenter"), n.getMessage());
    }

    @Test
    void readsVoiLutSequenceTablesAndUsesThemWhenThereIsNoWindow() throws IOException {
        DicomBytes item = DicomBytes.explicitLe().us(Tag.LUTDescriptor, 4, 100, 12)
                .text(Tag.LUTExplanation, VR.LO, "NORMAL").us(Tag.LUTData, 0, 1000, 2000, 4095);
        VoiSettings voi = VoiSettings.read(dataSet(DicomBytes.explicitLe()
                .sequence(Tag.VOILUTSequence, VR.SQ, DicomBytes.explicitLe().item(item))), false);
        assertTrue(voi.windows().isEmpty());
        assertEquals(1, voi.tables().size());
        assertEquals("NORMAL", voi.tables().get(0).explanation());
        assertEquals(100, voi.tables().get(0).table().firstMapped());
        VoiLut lut = voi.defaultLut(0, 1).orElseThrow();
        assertEquals(0, lut.apply(99), 0);
        assertEquals(1000 / 4095.0, lut.apply(101), 1e-12);
        assertEquals(1, lut.apply(103), 0);
    }

    @Test
    void defaultLutPrefersTheFirstWindowOverATable() throws IOException {
        DicomBytes item = DicomBytes.explicitLe().us(Tag.LUTDescriptor, 2, 0, 8).us(Tag.LUTData, 255, 0);
        VoiSettings voi = VoiSettings.read(dataSet(windows("50\\0", "101\\1")
                .sequence(Tag.VOILUTSequence, VR.SQ, DicomBytes.explicitLe().item(item))), false);
        assertEquals(2, voi.windows().size());
        assertEquals(1, voi.tables().size());
        // first window c 50 w 101: x = 49.5 is the middle
        assertEquals(0.5, voi.defaultLut(0, 1).orElseThrow().apply(49.5), 1e-12);
    }

    @Test
    void absentVoiIsEmpty() throws IOException {
        VoiSettings voi = VoiSettings.read(dataSet(DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "DX")), false);
        assertSame(VoiSettings.none(), voi);
        assertTrue(voi.isEmpty());
        assertTrue(voi.defaultLut(0, 1).isEmpty());
    }

    @Test
    void frameVoiLutGroupIsReadFromThePerFrameItemElseTheSharedOne() throws IOException {
        DicomBytes frameVoi = DicomBytes.explicitLe().text(Tag.WindowCenter, VR.DS, "40\\400")
                .text(Tag.WindowWidth, VR.DS, "80\\2000").text(Tag.WindowCenterWidthExplanation, VR.LO, "BRAIN\\BONE");
        Attributes perFrame = dataSet(DicomBytes.explicitLe().sequence(Tag.FrameVOILUTSequence, VR.SQ,
                DicomBytes.explicitLe().item(frameVoi)));
        Attributes sharedOnly = dataSet(DicomBytes.explicitLe().sequence(Tag.FrameVOILUTSequence, VR.SQ,
                DicomBytes.explicitLe().item(windows("-600", "1500"))));
        Attributes empty = dataSet(DicomBytes.explicitLe().text(Tag.Modality, VR.CS, "CT"));

        VoiSettings fromFrame = VoiSettings.readFrame(perFrame, sharedOnly, true);
        assertEquals(List.of(new VoiWindow(40, 80, VoiFunction.LINEAR, "BRAIN"),
                new VoiWindow(400, 2000, VoiFunction.LINEAR, "BONE")), fromFrame.windows());
        assertEquals(-600, VoiSettings.readFrame(empty, sharedOnly, true).windows().get(0).center());
        assertEquals(-600, VoiSettings.readFrame(null, sharedOnly, true).windows().get(0).center());
        assertTrue(VoiSettings.readFrame(empty, null, true).isEmpty());
    }
}
