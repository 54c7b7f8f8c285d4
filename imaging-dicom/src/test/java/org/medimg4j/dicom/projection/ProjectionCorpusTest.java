package org.medimg4j.dicom.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.Corpus;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.lut.VoiFunction;

/** The projection images of the shared corpus: the dx_monochrome1 series case and the CR files under files/. */
class ProjectionCorpusTest {

    private static final ProjectionImageReader READER = ProjectionImageReader.standard();

    /** @return the first number after {@code "key":} in the JSON text (the stack's own, before storedStats) */
    private static double jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key + " in expected.json");
        return Double.parseDouble(m.group(1));
    }

    /** @return [min, max, mean] of the values, accumulated in double */
    private static double[] stats(float[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        return new double[] {min, max, sum / v.length};
    }

    @Test
    void dxMonochrome1MatchesItsExpectedGeometryAndInvertedStatistics() throws IOException {
        Path dir = Corpus.file("series/dx_monochrome1");
        String expected = Files.readString(dir.resolve("expected.json"));
        ProjectionImage image = READER.read(dir.resolve("dx.dcm"));

        Geometry g = image.volume().geometry();
        assertArrayEquals(new int[] {128, 96, 1}, g.size());
        assertArrayEquals(new double[] {0.112, 0.12, 1.0}, g.spacing(), 1e-6);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction(), 0);
        assertEquals(0, g.origin().x(), 0);
        assertEquals(SpacingSource.IMAGER_PIXEL_SPACING_CORRECTED, image.spacingSource());
        assertTrue(expected.contains("\"spacingSource\": \"" + image.spacingSource().description() + "\""),
                image.spacingSource().description());
        assertEquals(List.of(), image.warnings(), "expected.json lists no warnings");
        assertTrue(image.inverted());
        assertEquals("MONOCHROME1", image.photometricInterpretation());
        assertEquals("INVERSE", image.presentationLutShape());
        assertEquals(VoxelType.INT16, image.volume().voxelType());
        assertEquals("DX", image.volume().metadata().modality());
        assertEquals("2.25.239070463004987978656146785469247486814", image.volume().metadata().seriesInstanceUid());

        double[] s = stats(image.volume().toFloatArray());
        assertEquals(jsonNumber(expected, "min"), s[0], 0.01);
        assertEquals(jsonNumber(expected, "max"), s[1], 0.01);
        assertEquals(jsonNumber(expected, "mean"), s[2], 0.01);
        assertEquals(81, s[0], 0);
        assertEquals(2246, s[1], 0);
        assertEquals(1079.383382, s[2], 0.01);
    }

    @Test
    void dxMonochrome1FullRangeWindowBecomesValueOver4095() throws IOException {
        ProjectionImage image = READER.read(Corpus.file("series/dx_monochrome1/dx.dcm"));
        // The file's window c 2048, w 4096 (LINEAR) spans the 12-bit range; mirrored for the inverted values it is
        // the same window, and y = ((v − 2047.5)/4095 + 0.5) = v / 4095.
        assertEquals(2048, image.windows().get(0).center(), 0);
        assertEquals(VoiFunction.LINEAR, image.windows().get(0).function());
        float[] v = image.volume().toFloatArray();
        float[] unit = image.windowedToUnit().toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i] / 4095.0, unit[i], 1e-6, "pixel " + i);
        }
        double[] s = stats(unit);
        assertEquals(81 / 4095.0, s[0], 1e-6);
        assertEquals(2246 / 4095.0, s[1], 1e-6);
    }

    @Test
    void syntheticMonochrome1CrUsesPixelSpacingAndIsInvertedWithoutAShape() throws IOException {
        String file = "files/synthetic/monochrome1_cr.dcm";
        String[] row = Files.readAllLines(Corpus.file("manifest.tsv")).stream()
                .filter(l -> l.startsWith(file + "\t")).findFirst().orElseThrow().split("\t", -1);
        int rows = Integer.parseInt(row[2]);
        int columns = Integer.parseInt(row[3]);
        int bitsStored = Integer.parseInt(row[7]);
        long storedMin = Long.parseLong(row[13]);
        long storedMax = Long.parseLong(row[14]);
        long storedSum = Long.parseLong(row[15]);
        long top = (1L << bitsStored) - 1;
        long n = (long) rows * columns;

        ProjectionImage image = READER.read(Corpus.file(file));
        assertEquals("CR", image.modality());
        assertEquals(SpacingSource.PIXEL_SPACING, image.spacingSource());
        assertArrayEquals(new double[] {0.2, 0.2, 1.0}, image.volume().geometry().spacing(), 1e-9);
        assertArrayEquals(new int[] {columns, rows, 1}, image.volume().geometry().size());
        assertEquals("", image.presentationLutShape());
        assertTrue(image.inverted());
        assertEquals(List.of(), image.warnings());
        double[] s = stats(image.volume().toFloatArray());
        assertEquals(top - storedMax, s[0], 0);
        assertEquals(top - storedMin, s[1], 0);
        assertEquals((double) (top * n - storedSum) / n, s[2], 1e-6);
    }

    @Test
    void crFileWithoutPixelDataIsRefusedNamingTheFile() throws IOException {
        Path file = Corpus.file("files/pydicom/charset/chrKoreanMulti.dcm");
        DicomException e = assertThrows(DicomException.class, () -> READER.read(file));
        assertTrue(e.getMessage().contains("chrKoreanMulti.dcm") && e.getMessage().contains("PixelData"),
                e.getMessage());
    }
}
