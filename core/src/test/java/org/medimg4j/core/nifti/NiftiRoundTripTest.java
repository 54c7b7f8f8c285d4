package org.medimg4j.core.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

class NiftiRoundTripTest {

    static final double TOLERANCE_MM = 1e-5;

    @TempDir
    Path dir;

    /** Direction cosines of a rotation by {@code degrees} about {@code axis} (Rodrigues), row-major. */
    static double[] rotation(double degrees, double ax, double ay, double az) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        double x = ax / n;
        double y = ay / n;
        double z = az / n;
        double c = Math.cos(Math.toRadians(degrees));
        double s = Math.sin(Math.toRadians(degrees));
        double t = 1 - c;
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    /** @return {@code d} with its k column negated: a left-handed grid */
    static double[] leftHanded(double[] d) {
        double[] out = d.clone();
        out[2] = -out[2];
        out[5] = -out[5];
        out[8] = -out[8];
        return out;
    }

    static Geometry oblique(int nx, int ny, int nz, double[] direction) {
        return Geometry.builder().size(nx, ny, nz).spacing(0.75, 1.25, 2.5).origin(-21.5, 13.25, 40.125)
                .direction(direction).build();
    }

    static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (i * 1.5 - 7.25 + Math.sin(i));
        }
        return v;
    }

    static void assertSameGeometry(Geometry expected, Geometry actual) {
        assertTrue(expected.equalsWithin(actual, TOLERANCE_MM), () -> "expected " + expected + " got " + actual);
        assertArrayEquals(expected.direction(), actual.direction(), 1e-6, "direction cosines");
        assertArrayEquals(expected.spacing(), actual.spacing(), TOLERANCE_MM, "spacing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f.nii", "f.nii.gz"})
    void float32RoundTripKeepsGeometryAndVoxels(String name) throws IOException {
        Geometry g = oblique(5, 4, 3, rotation(30, 1, 2, 3));
        float[] v = ramp(60);
        Path file = dir.resolve(name);
        NiftiWriter.write(Volume.ofFloats(g, v), file);
        Volume back = NiftiReader.read(file);
        assertEquals(VoxelType.FLOAT32, back.voxelType());
        assertEquals(IntensityUnit.ARBITRARY, back.unit());
        assertSameGeometry(g, back.geometry());
        assertArrayEquals(v, back.toFloatArray());
        assertEquals("sform", back.metadata().attributes().get("nifti.transform"));
    }

    @Test
    void gantryTiltedGridRoundTripsThroughTheSformWithTheQformUnset() throws IOException {
        double t = Math.toRadians(-12);
        double[] tilted = {1, 0, 0, 0, Math.cos(t), 0, 0, -Math.sin(t), 1};
        Geometry g = Geometry.builder().size(3, 4, 2).spacing(0.7, 0.8, 2.5).origin(10, -20, 30).direction(tilted)
                .allowShear(true).build();
        Path file = dir.resolve("tilt.nii");
        NiftiWriter.write(Volume.ofFloats(g, ramp(24)), file);
        Volume back = NiftiReader.read(file);
        assertSameGeometry(g, back.geometry());
        assertEquals(false, back.geometry().isOrthonormal());
        assertEquals(0, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getShort(252),
                "qform_code: a quaternion cannot hold the shear");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s.nii", "s.nii.gz"})
    void int16RoundTripStaysInt16(String name) throws IOException {
        Geometry g = oblique(4, 3, 2, leftHanded(rotation(-40, 0.2, -1, 0.5)));
        short[] v = new short[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (i * 1371 - 16000);
        }
        Path file = dir.resolve(name);
        NiftiWriter.write(Volume.builder(g).shorts(v.clone()).build(), file);
        Volume back = NiftiReader.read(file, IntensityUnit.HU);
        assertEquals(VoxelType.INT16, back.voxelType());
        assertEquals(IntensityUnit.HU, back.unit());
        assertSameGeometry(g, back.geometry());
        short[] got = new short[v.length];
        back.shorts().get(0, got);
        assertArrayEquals(v, got);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b.nii", "b.nii.gz"})
    void uint8RoundTripStaysUint8(String name) throws IOException {
        Geometry g = Geometry.builder().size(3, 3, 3).spacing(1, 1, 3).orientation("RAS").origin(5, -7, 9).build();
        byte[] v = new byte[27];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i * 37);
        }
        Path file = dir.resolve(name);
        NiftiWriter.write(Volume.builder(g).unsignedBytes(v.clone()).build(), file);
        Volume back = NiftiReader.read(file);
        assertEquals(VoxelType.UINT8, back.voxelType());
        assertSameGeometry(g, back.geometry());
        assertEquals("RAS", back.geometry().orientationCode());
        byte[] got = new byte[v.length];
        back.unsignedBytes().get(0, got);
        assertArrayEquals(v, got);
        assertEquals((27 * 37 - 37) & 0xFF, (int) back.get(2, 2, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l.nii", "l.nii.gz"})
    void labelsRoundTripWithLabelIntent(String name) throws IOException {
        Geometry g = oblique(4, 4, 2, rotation(15, 0, 0, 1));
        byte[] labels = new byte[32];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 5 == 0 ? 255 : i % 3);
        }
        Path file = dir.resolve(name);
        NiftiWriter.write(LabelVolume.of(g, labels.clone()), file);
        LabelVolume back = NiftiReader.readLabels(file);
        assertSameGeometry(g, back.geometry());
        assertArrayEquals(labels, back.toByteArray());
        assertEquals(255, back.maxLabel());
        NiftiHeader h = headerOf(file);
        assertEquals(NiftiHeader.INTENT_LABEL, h.intentCode());
        assertEquals(NiftiDatatype.UINT8, h.datatype());
    }

    @Test
    void rightAndLeftHandedObliqueGridsGetMatchingQformAndSform() throws IOException {
        for (double[] d : List.of(rotation(33, 1, -2, 0.5), leftHanded(rotation(33, 1, -2, 0.5)),
                rotation(179, 1, 1, 0), leftHanded(rotation(179, 0, 1, 1)))) {
            Geometry g = oblique(6, 5, 4, d);
            Path file = dir.resolve("q.nii");
            NiftiWriter.write(Volume.ofFloats(g, ramp(120)), file);
            NiftiHeader h = headerOf(file);
            assertEquals(1, h.sformCode());
            assertEquals(1, h.qformCode());
            double det = det(d);
            // LPS -> RAS negates two rows, which keeps the handedness: qfac follows the grid's own
            assertEquals(det < 0 ? -1f : 1f, h.pixdim()[0], "qfac");
            Geometry fromQform = NiftiGeometry.toGeometry(h, NiftiGeometry.Source.QFORM, "q.nii");
            Geometry fromSform = NiftiGeometry.toGeometry(h, NiftiGeometry.Source.SFORM, "q.nii");
            assertSameGeometry(g, fromSform);
            // the qform holds the rotation as a float quaternion: a little less exact than the sform
            assertTrue(g.equalsWithin(fromQform, 1e-4), () -> "qform " + fromQform + " vs " + g);
            assertArrayEquals(d, fromQform.direction(), 1e-6);
        }
    }

    @Test
    void twoDimensionalImageIsWrittenWithRankTwoAndReadAsOneSlice() throws IOException {
        Geometry g = Geometry.builder().size(7, 5, 1).spacing(0.2, 0.3, 1).origin(-3, 4, 0).build();
        float[] v = ramp(35);
        Path file = dir.resolve("xray.nii.gz");
        NiftiWriter.write(Volume.ofFloats(g, v), file);
        NiftiHeader h = headerOf(file);
        assertEquals(2, h.dim()[0]);
        Volume back = NiftiReader.read(file);
        assertEquals(1, back.geometry().nz());
        assertSameGeometry(g, back.geometry());
        assertArrayEquals(v, back.toFloatArray());
    }

    @Test
    void multiChannelVolumeUsesDimFour() throws IOException {
        Geometry g = oblique(3, 4, 2, rotation(60, 1, 0, 0));
        float[] v = ramp(3 * 24);
        Path file = dir.resolve("mc.nii");
        NiftiWriter.write(Volume.builder(g).channels(3).floats(v.clone()).build(), file);
        NiftiHeader h = headerOf(file);
        assertEquals(4, h.dim()[0]);
        assertEquals(3, h.dim()[4]);
        Volume back = NiftiReader.read(file);
        assertEquals(3, back.channels());
        assertSameGeometry(g, back.geometry());
        assertArrayEquals(v, back.toFloatArray());
        assertEquals(v[(2 * 2 + 1) * 12 + 2 * 3 + 1], back.get(2, 1, 2, 1));
    }

    @Test
    void writtenHeaderIsLittleEndianMillimetresAtOffset352() throws IOException {
        Path file = dir.resolve("h.nii");
        NiftiWriter.write(Volume.ofFloats(Geometry.of(2, 2, 2, 1, 1, 1), ramp(8)), file);
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(348, b.getInt(0));
        assertEquals(352f, b.getFloat(108));
        assertEquals(2, raw[123] & 0x07, "xyzt_units spatial = mm");
        assertEquals(16, b.getShort(70), "datatype FLOAT32");
        assertEquals(32, b.getShort(72), "bitpix");
        assertEquals(352 + 8 * 4, raw.length);
        assertEquals("n+1", new String(raw, 344, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, raw[347]);
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByName() throws IOException {
        Geometry g = oblique(3, 3, 3, rotation(10, 1, 1, 1));
        float[] v = ramp(27);
        Path gz = dir.resolve("a.nii.gz");
        NiftiWriter.write(Volume.ofFloats(g, v), gz);
        assertEquals(0x1f, Files.readAllBytes(gz)[0] & 0xFF);
        Path misnamed = Files.move(gz, dir.resolve("really-gzip.nii"));
        assertArrayEquals(v, NiftiReader.read(misnamed).toFloatArray());
        Path plain = dir.resolve("b.nii");
        NiftiWriter.write(Volume.ofFloats(g, v), plain);
        Path plainNamedGz = Files.move(plain, dir.resolve("not-gzip.nii.gz"));
        assertArrayEquals(v, NiftiReader.read(plainNamedGz).toFloatArray());
    }

    @Test
    void readsFromAnInputStream() throws IOException {
        Geometry g = oblique(3, 2, 2, rotation(25, 2, 1, 0));
        float[] v = ramp(12);
        Path file = dir.resolve("s.nii.gz");
        NiftiWriter.write(Volume.ofFloats(g, v), file);
        try (InputStream in = Files.newInputStream(file)) {
            Volume back = NiftiReader.read(in, "stream.nii.gz", IntensityUnit.NORMALIZED);
            assertEquals(IntensityUnit.NORMALIZED, back.unit());
            assertSameGeometry(g, back.geometry());
            assertArrayEquals(v, back.toFloatArray());
        }
    }

    @Test
    void readingFromAStreamLeavesItOpenForTheCaller() throws IOException {
        Path file = dir.resolve("open.nii.gz");
        NiftiWriter.write(Volume.ofFloats(Geometry.of(2, 2, 2, 1, 1, 1), ramp(8)), file);
        boolean[] closed = {false};
        try (InputStream in = new java.io.FilterInputStream(Files.newInputStream(file)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        }) {
            assertArrayEquals(ramp(8), NiftiReader.read(in, "open.nii.gz").toFloatArray());
            assertEquals(false, closed[0], "the reader must not close a stream it did not open");
        }
        assertTrue(closed[0]);
    }

    @Test
    void volumeLargerThanOneChunkRoundTrips() throws IOException {
        // more voxels than one 256 KiB chunk, so the chunk loop runs several times with a partial last chunk
        Geometry g = Geometry.of(64, 50, 33, 1, 1, 1);
        float[] v = ramp(64 * 50 * 33);
        Path file = dir.resolve("big.nii.gz");
        NiftiWriter.write(Volume.ofFloats(g, v), file);
        assertArrayEquals(v, NiftiReader.read(file).toFloatArray());
    }

    @Test
    void writeReplacesTargetAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("t.nii");
        Files.writeString(file, "old contents");
        float[] v = ramp(8);
        NiftiWriter.write(Volume.ofFloats(Geometry.of(2, 2, 2, 1, 1, 1), v), file);
        assertArrayEquals(v, NiftiReader.read(file).toFloatArray());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteRemovesTemporaryFileAndKeepsTarget() throws IOException {
        // a non-empty directory cannot be replaced by a file: the final rename fails after all data is written
        Path target = Files.createDirectory(dir.resolve("taken.nii"));
        Path inside = Files.writeString(target.resolve("keep.txt"), "keep");
        Volume v = Volume.ofFloats(Geometry.of(2, 2, 2, 1, 1, 1), ramp(8));
        assertThrows(IOException.class, () -> NiftiWriter.write(v, target));
        assertTrue(Files.isDirectory(target));
        assertEquals("keep", Files.readString(inside));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file may remain");
        }
    }

    @Test
    void writeIntoMissingDirectoryFailsWithoutCreatingIt() {
        Path file = dir.resolve("missing").resolve("x.nii");
        Volume v = Volume.ofFloats(Geometry.of(2, 2, 2, 1, 1, 1), ramp(8));
        assertThrows(IOException.class, () -> NiftiWriter.write(v, file));
        assertTrue(Files.notExists(file.getParent()));
    }

    static NiftiHeader headerOf(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if ((raw[0] & 0xFF) == 0x1f) {
            try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        return NiftiHeader.parse(raw, file.toString());
    }

    static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }
}
