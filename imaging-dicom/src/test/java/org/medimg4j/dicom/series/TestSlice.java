package org.medimg4j.dicom.series;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Test fixture: a small image instance with the attributes grouping reads, written with {@link DicomBytes}
 * (tags in ascending order) and 2 bytes per pixel of Pixel Data; axial by default. Shared by the grouper, scanner
 * and DICOMDIR tests. Fields are set directly or through the fluent setters.
 */
final class TestSlice {
    String study = "1.2.3";
    String series = "1.2.3.1";
    Integer seriesNumber = 1;
    String sopClass = "1.2.840.10008.5.1.4.1.1.2";
    String modality = "CT";
    String imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    double[] orientation = {1, 0, 0, 0, 1, 0};
    double[] position = {0, 0, 0};
    int rows = 4;
    int columns = 4;
    Integer echo;
    Integer temporal;
    Integer acquisition;
    Double triggerTime;
    /** Diffusion b-value (0018,9087), s/mm². */
    Double bValue;
    /** Diffusion Gradient Orientation (0018,9089). */
    double[] gradient;
    /** Whether the diffusion attributes go in an MR Diffusion Sequence item (PS3.3 C.8.13.5.9), not the top level. */
    boolean diffusionInSequence;
    Integer instanceNumber;
    Integer frames;
    boolean pixels = true;
    String name = "IM";

    static TestSlice at(double z) {
        TestSlice s = new TestSlice();
        s.position = new double[] {-10, -20, z};
        return s;
    }

    TestSlice series(String uid) {
        this.series = uid;
        return this;
    }

    TestSlice name(String n) {
        this.name = n;
        return this;
    }

    TestSlice orientation(double[] o) {
        this.orientation = o;
        return this;
    }

    TestSlice size(int r, int c) {
        this.rows = r;
        this.columns = c;
        return this;
    }

    TestSlice echo(int e) {
        this.echo = e;
        return this;
    }

    TestSlice temporal(int t) {
        this.temporal = t;
        return this;
    }

    TestSlice acquisition(int a) {
        this.acquisition = a;
        return this;
    }

    TestSlice trigger(double t) {
        this.triggerTime = t;
        return this;
    }

    /** Diffusion b-value {@code b} (s/mm²) and, unless null, gradient direction {@code g}. */
    TestSlice diffusion(double b, double... g) {
        this.bValue = b;
        this.gradient = g.length == 0 ? null : g;
        return this;
    }

    TestSlice instance(int n) {
        this.instanceNumber = n;
        return this;
    }

    TestSlice noPixels() {
        this.pixels = false;
        return this;
    }

    TestSlice localizer() {
        this.imageType = "ORIGINAL\\PRIMARY\\LOCALIZER";
        return this;
    }

    private static String ds(double... v) {
        return Arrays.stream(v).mapToObj(x -> x == Math.rint(x) && Math.abs(x) < 1e9
                ? Long.toString((long) x) : Double.toString(x)).collect(Collectors.joining("\\"));
    }

    /** @return the data set bytes, explicit VR little endian */
    byte[] dataSet() {
        DicomBytes b = DicomBytes.explicitLe()
                .text(Tag.ImageType, VR.CS, imageType)
                .text(Tag.SOPClassUID, VR.UI, sopClass)
                .text(Tag.SOPInstanceUID, VR.UI, series + "." + Math.abs(name.hashCode()))
                .text(Tag.Modality, VR.CS, modality);
        if (echo != null) {
            b.text(Tag.EchoNumbers, VR.IS, echo.toString());
        }
        if (triggerTime != null) {
            b.text(Tag.TriggerTime, VR.DS, ds(triggerTime));
        }
        writeDiffusion(b);
        b.text(Tag.StudyInstanceUID, VR.UI, study).text(Tag.SeriesInstanceUID, VR.UI, series);
        if (seriesNumber != null) {
            b.text(Tag.SeriesNumber, VR.IS, seriesNumber.toString());
        }
        if (acquisition != null) {
            b.text(Tag.AcquisitionNumber, VR.IS, acquisition.toString());
        }
        if (instanceNumber != null) {
            b.text(Tag.InstanceNumber, VR.IS, instanceNumber.toString());
        }
        if (position != null) {
            b.text(Tag.ImagePositionPatient, VR.DS, ds(position));
        }
        if (orientation != null) {
            b.text(Tag.ImageOrientationPatient, VR.DS, ds(orientation));
        }
        if (temporal != null) {
            b.text(Tag.TemporalPositionIdentifier, VR.IS, temporal.toString());
        }
        b.us(Tag.SamplesPerPixel, 1).text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        if (frames != null) {
            b.text(Tag.NumberOfFrames, VR.IS, frames.toString());
        }
        b.us(Tag.Rows, rows).us(Tag.Columns, columns).us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 16)
                .us(Tag.HighBit, 15).us(Tag.PixelRepresentation, 0);
        if (pixels) {
            b.element(Tag.PixelData, VR.OW, new byte[2 * rows * columns * (frames == null ? 1 : frames)]);
        }
        return b.bytes();
    }

    /** Adds the diffusion attributes, at the top level or nested as the MR Diffusion Macro nests them. */
    private void writeDiffusion(DicomBytes b) {
        if (!diffusionInSequence) {
            if (bValue != null) {
                b.fd(Tag.DiffusionBValue, bValue);
            }
            if (gradient != null) {
                b.fd(Tag.DiffusionGradientOrientation, gradient);
            }
        } else if (bValue != null || gradient != null) {
            DicomBytes item = b.sameEncoding().text(Tag.DiffusionDirectionality, VR.CS,
                    gradient == null ? "NONE" : "DIRECTIONAL");
            if (gradient != null) {
                DicomBytes direction = b.sameEncoding().fd(Tag.DiffusionGradientOrientation, gradient);
                item.sequence(Tag.DiffusionGradientDirectionSequence, VR.SQ, b.sameEncoding().item(direction));
            }
            if (bValue != null) {
                item.fd(Tag.DiffusionBValue, bValue);
            }
            b.sequence(Tag.MRDiffusionSequence, VR.SQ, b.sameEncoding().item(item));
        }
    }

    /** @return a Part 10 file */
    byte[] file() {
        return DicomBytes.part10(DicomBytes.EXPLICIT_LE, dataSet());
    }

    /** @return the instance as a scan would give it, at the made-up path "mem/NAME" */
    InstanceHeader header() {
        try {
            return new InstanceHeader(Path.of("mem", name), DicomBytes.read(file()).dataSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
