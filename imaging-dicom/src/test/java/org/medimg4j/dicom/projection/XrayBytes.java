package org.medimg4j.dicom.projection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * Test fixture: a small native projection X-ray data set (explicit VR LE), written in tag order, with the attributes
 * a test sets. Defaults: DX, MONOCHROME2, 16 bits allocated, 12 stored, unsigned, one sample, 3 columns × 2 rows.
 */
final class XrayBytes {

    private final Map<Integer, Consumer<DicomBytes>> elements = new TreeMap<>(Integer::compareUnsigned);
    private int rows = 2;
    private int columns = 3;
    private int samples = 1;
    private int bitsAllocated = 16;
    private int frames = 1;
    private short[] pixels = {0, 1, 2, 3, 4, 5};

    XrayBytes() {
        text(Tag.Modality, VR.CS, "DX");
        text(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.5");
        text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        bits(16, 12, false);
    }

    XrayBytes text(int tag, VR vr, String value) {
        elements.put(tag, b -> b.text(tag, vr, value));
        return this;
    }

    /** An element already encoded (e.g. a sequence), written at its tag's place. */
    XrayBytes rawElement(int tag, byte[] encoded) {
        elements.put(tag, b -> b.raw(encoded));
        return this;
    }

    XrayBytes remove(int tag) {
        elements.remove(tag);
        return this;
    }

    XrayBytes modality(String m) {
        return text(Tag.Modality, VR.CS, m);
    }

    XrayBytes photometric(String pi) {
        return text(Tag.PhotometricInterpretation, VR.CS, pi);
    }

    XrayBytes shape(String shape) {
        return text(Tag.PresentationLUTShape, VR.CS, shape);
    }

    XrayBytes rescale(String slope, String intercept) {
        return text(Tag.RescaleSlope, VR.DS, slope).text(Tag.RescaleIntercept, VR.DS, intercept);
    }

    XrayBytes window(String center, String width) {
        return text(Tag.WindowCenter, VR.DS, center).text(Tag.WindowWidth, VR.DS, width);
    }

    XrayBytes bits(int allocated, int stored, boolean signed) {
        this.bitsAllocated = allocated;
        elements.put(Tag.BitsAllocated, b -> b.us(Tag.BitsAllocated, allocated));
        elements.put(Tag.BitsStored, b -> b.us(Tag.BitsStored, stored));
        elements.put(Tag.HighBit, b -> b.us(Tag.HighBit, stored - 1));
        elements.put(Tag.PixelRepresentation, b -> b.us(Tag.PixelRepresentation, signed ? 1 : 0));
        return this;
    }

    /** @param values rows × columns × samples × frames 16-bit values, row by row */
    XrayBytes pixels(int rows, int columns, short... values) {
        this.rows = rows;
        this.columns = columns;
        this.pixels = values.clone();
        return this;
    }

    XrayBytes samples(int n) {
        this.samples = n;
        return this;
    }

    XrayBytes frames(int n) {
        this.frames = n;
        return this;
    }

    DicomFile read() throws IOException {
        Map<Integer, Consumer<DicomBytes>> all = new TreeMap<>(Integer::compareUnsigned);
        all.putAll(elements);
        all.put(Tag.SamplesPerPixel, b -> b.us(Tag.SamplesPerPixel, samples));
        if (frames > 1) {
            all.put(Tag.NumberOfFrames, b -> b.text(Tag.NumberOfFrames, VR.IS, Integer.toString(frames)));
        }
        if (samples > 1) {
            all.put(Tag.PlanarConfiguration, b -> b.us(Tag.PlanarConfiguration, 0));
        }
        all.put(Tag.Rows, b -> b.us(Tag.Rows, rows));
        all.put(Tag.Columns, b -> b.us(Tag.Columns, columns));
        all.put(Tag.PixelData, b -> {
            int n = rows * columns * samples * frames;
            if (bitsAllocated == 8) {
                byte[] v = new byte[n + (n & 1)];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) pixels[i % pixels.length];
                }
                b.element(Tag.PixelData, VR.OB, v);
            } else {
                ByteBuffer buf = b.buffer(2 * n);
                for (int i = 0; i < n; i++) {
                    buf.putShort(pixels[i % pixels.length]);
                }
                b.binary(Tag.PixelData, VR.OW, buf);
            }
        });
        DicomBytes out = DicomBytes.explicitLe();
        all.values().forEach(c -> c.accept(out));
        return out.read(DicomBytes.EXPLICIT_LE);
    }
}
