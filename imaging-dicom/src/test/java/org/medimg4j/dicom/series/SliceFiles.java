package org.medimg4j.dicom.series;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.ReadOptions;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Test fixture: writes small hand-made CT/MR slices (classic single-frame) and enhanced multi-frame files with
 * {@link DicomBytes}, exactly as a test needs them (including wrong ones), and makes stack candidates of them.
 */
final class SliceFiles {

    static final String STUDY = "2.25.1";
    static final String SERIES = "2.25.4242";

    /** One classic slice; fields are public for brevity, set what a test needs. */
    static final class Slice {
        String modality = "CT";
        String imageType = "ORIGINAL\\PRIMARY\\AXIAL";
        int rows = 4;
        int columns = 3;
        double[] position = {0, 0, 0};
        double[] orientation = {1, 0, 0, 0, 1, 0};
        double[] pixelSpacing = {0.5, 0.25};
        Double thickness;
        Double spacingBetween;
        Double gantryTilt;
        Integer instanceNumber;
        boolean signed = true;
        int bitsStored = 16;
        String slope = "1";
        String intercept = "-1024";
        String rescaleType = "HU";
        short[] pixels;
        boolean omitPosition;

        Slice at(double x, double y, double z) {
            position = new double[] {x, y, z};
            return this;
        }

        Slice bitsStored(int bits, boolean isSigned) {
            bitsStored = bits;
            signed = isSigned;
            return this;
        }

        Slice fill(int value) {
            pixels = new short[rows * columns];
            Arrays.fill(pixels, (short) value);
            return this;
        }

        Slice number(int n) {
            instanceNumber = n;
            return this;
        }

        Slice rescale(String s, String i) {
            slope = s;
            intercept = i;
            return this;
        }

        Slice orient(double... iop) {
            orientation = iop;
            return this;
        }
    }

    private SliceFiles() {
    }

    static Slice slice() {
        return new Slice();
    }

    /** @return "1\-2.5\3" with no trailing zeros (DS values) */
    static String ds(double... v) {
        StringJoiner j = new StringJoiner("\\");
        for (double x : v) {
            j.add(BigDecimal.valueOf(x).stripTrailingZeros().toPlainString());
        }
        return j.toString();
    }

    static byte[] ow(short[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : v) {
            b.putShort(s);
        }
        return b.array();
    }

    /** Writes {@code s} as {@code dir/name} (Explicit VR Little Endian) and returns the path. */
    static Path write(Path dir, String name, Slice s) throws IOException {
        DicomBytes b = DicomBytes.explicitLe()
                .text(Tag.ImageType, VR.CS, s.imageType)
                .text(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .text(Tag.SOPInstanceUID, VR.UI, "2.25." + Math.abs(name.hashCode()))
                .text(Tag.Modality, VR.CS, s.modality);
        if (s.thickness != null) {
            b.text(Tag.SliceThickness, VR.DS, ds(s.thickness));
        }
        if (s.spacingBetween != null) {
            b.text(Tag.SpacingBetweenSlices, VR.DS, ds(s.spacingBetween));
        }
        if (s.gantryTilt != null) {
            b.text(Tag.GantryDetectorTilt, VR.DS, ds(s.gantryTilt));
        }
        b.text(Tag.StudyInstanceUID, VR.UI, STUDY).text(Tag.SeriesInstanceUID, VR.UI, SERIES);
        if (s.instanceNumber != null) {
            b.text(Tag.InstanceNumber, VR.IS, Integer.toString(s.instanceNumber));
        }
        if (!s.omitPosition) {
            b.text(Tag.ImagePositionPatient, VR.DS, ds(s.position));
        }
        b.text(Tag.ImageOrientationPatient, VR.DS, ds(s.orientation));
        pixelModule(b, s.rows, s.columns, s.signed, 0);
        b.text(Tag.PixelSpacing, VR.DS, ds(s.pixelSpacing));
        b.us(Tag.BitsAllocated, 16).us(Tag.BitsStored, s.bitsStored).us(Tag.HighBit, s.bitsStored - 1)
                .us(Tag.PixelRepresentation, s.signed ? 1 : 0);
        if (s.slope != null) {
            b.text(Tag.RescaleIntercept, VR.DS, s.intercept).text(Tag.RescaleSlope, VR.DS, s.slope)
                    .text(Tag.RescaleType, VR.LO, s.rescaleType);
        }
        short[] px = s.pixels != null ? s.pixels : new short[s.rows * s.columns];
        b.element(Tag.PixelData, VR.OW, ow(px));
        Path p = dir.resolve(name);
        Files.write(p, b.part10(DicomBytes.EXPLICIT_LE));
        return p;
    }

    /** Samples per Pixel, Photometric Interpretation, [Number of Frames], Rows, Columns. */
    static void pixelModule(DicomBytes b, int rows, int columns, boolean signed, int frames) {
        b.us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        if (frames > 0) {
            b.text(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        }
        b.us(Tag.Rows, rows).us(Tag.Columns, columns);
    }

    /** Bits Allocated 16, Bits Stored 16, High Bit 15, Pixel Representation. */
    static void bits(DicomBytes b, boolean signed) {
        b.us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 16).us(Tag.HighBit, 15)
                .us(Tag.PixelRepresentation, signed ? 1 : 0);
    }

    /** @return the files of {@code dir} read metadata-only as one candidate (all of one series) */
    static StackCandidate candidate(Path... files) throws IOException {
        List<InstanceHeader> headers = new ArrayList<>();
        for (Path p : files) {
            headers.add(new InstanceHeader(p, DicomFile.read(p, ReadOptions.metadataOnly()).dataSet()));
        }
        return new StackCandidate(STUDY, SERIES, "", headers);
    }

    /** @return an item holding {@code content} inside a one-item sequence {@code tag} */
    static DicomBytes sequenceOf(int tag, DicomBytes content) {
        return DicomBytes.explicitLe().sequence(tag, VR.SQ, DicomBytes.explicitLe().item(content));
    }
}
