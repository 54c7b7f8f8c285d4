package org.medimg4j.dicom.series;

import java.io.IOException;
import java.util.Arrays;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.pixel.DicomImage;

/**
 * The loader's {@link PixelEquality}: decodes both slices and compares their modality values (stored values
 * through each slice's Modality LUT), so that the same image written twice with different rescale attributes but
 * equal values still counts as identical. Only called for slices at one position, which are rare.
 */
final class StoredPixelEquality implements PixelEquality {

    @Override
    public boolean identical(PlanarSlice a, PlanarSlice b) throws IOException {
        return Arrays.equals(values(a), values(b));
    }

    private static float[] values(PlanarSlice s) throws IOException {
        try (DicomFile f = DicomFile.read(s.instance().path())) {
            DicomImage image = DicomImage.of(f);
            SampleBuffer buf = image.decodeFrame(s.frame());
            int n = (int) image.frameInfo().samples();
            float[] out = new float[n];
            s.lut().apply(buf, !image.frameInfo().signed(), n, out, 0);
            return out;
        }
    }
}
