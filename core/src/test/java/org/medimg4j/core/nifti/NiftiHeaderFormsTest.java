package org.medimg4j.core.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/** Reads hand-crafted headers: transform precedence, byte order, units, datatypes, scaling, extensions. */
class NiftiHeaderFormsTest {

    @TempDir
    Path dir;

    private static final float[] EIGHT = {1, 2, 3, 4, 5, 6, 7, 8};

    private static void assertPoint(double x, double y, double z, Point3 p) {
        assertEquals(x, p.x(), 1e-5, "x");
        assertEquals(y, p.y(), 1e-5, "y");
        assertEquals(z, p.z(), 1e-5, "z");
    }

    /** qform: 90 degrees about z (a = d = sqrt(1/2)), pixdim (2, 3, 4), qfac -1, offset (10, 20, 30) RAS. */
    private static RawNifti quarterTurnQform() {
        double h = Math.sqrt(0.5);
        return new RawNifti().dims(2, 2, 2).floats(EIGHT).pixdim(2, 3, 4).qform(1, 0, 0, h, -1, 10, 20, 30);
    }

    @Test
    void qformOnlyFileUsesQuaternionPixdimAndQfac() throws IOException {
        RawNifti raw = quarterTurnQform();
        // sform_code 0: these rows must be ignored
        raw.srow = new float[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        Volume v = NiftiReader.read(raw.writeTo(dir.resolve("q.nii")));
        Geometry g = v.geometry();
        // RAS columns R·diag(2, 3, -4) = (0,2,0), (-3,0,0), (0,0,-4); LPS negates x and y
        assertArrayEquals(new double[] {0, 1, 0, -1, 0, 0, 0, 0, -1}, g.direction(), 1e-6);
        assertArrayEquals(new double[] {2, 3, 4}, g.spacing(), 1e-6);
        assertPoint(-10, -20, 30, g.origin());
        assertPoint(-7, -22, 26, g.indexToWorld(1, 1, 1));
        assertEquals("qform", v.metadata().attributes().get("nifti.transform"));
        assertArrayEquals(EIGHT, v.toFloatArray());
    }

    @Test
    void sformTakesPrecedenceOverQform() throws IOException {
        RawNifti raw = quarterTurnQform().sform(2, -1.5, 0, 0, 5, 0, 2, 0, -6, 0, 0, 3, 7);
        Volume v = NiftiReader.read(raw.writeTo(dir.resolve("s.nii")));
        Geometry g = v.geometry();
        assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}, g.direction(), 1e-6);
        assertArrayEquals(new double[] {1.5, 2, 3}, g.spacing(), 1e-6);
        assertPoint(-5, 6, 7, g.origin());
        assertEquals("sform", v.metadata().attributes().get("nifti.transform"));
    }

    @Test
    void withoutQformOrSformPixdimScalesRasAxes() throws IOException {
        RawNifti raw = new RawNifti().dims(2, 2, 2).floats(EIGHT).pixdim(0.5, 0.6, 0.7);
        Volume v = NiftiReader.read(raw.writeTo(dir.resolve("m1.nii")));
        assertEquals("RAS", v.geometry().orientationCode());
        assertArrayEquals(new double[] {0.5, 0.6, 0.7}, v.geometry().spacing(), 1e-6);
        assertPoint(0, 0, 0, v.geometry().origin());
        assertEquals("pixdim", v.metadata().attributes().get("nifti.transform"));
    }

    @Test
    void bigEndianFileReadsLikeLittleEndian() throws IOException {
        RawNifti le = quarterTurnQform().shorts(4, -3, 2, 1000, -32768, 32767, 0, 7, 8);
        RawNifti be = quarterTurnQform();
        be.order = ByteOrder.BIG_ENDIAN;
        be.shorts(4, -3, 2, 1000, -32768, 32767, 0, 7, 8);
        Volume a = NiftiReader.read(le.writeTo(dir.resolve("le.nii")));
        Volume b = NiftiReader.read(be.writeTo(dir.resolve("be.nii")));
        assertEquals(VoxelType.INT16, b.voxelType());
        assertEquals(a.geometry(), b.geometry());
        assertArrayEquals(new float[] {-3, 2, 1000, -32768, 32767, 0, 7, 8}, b.toFloatArray());
    }

    @Test
    void metresAndMicronsAreConvertedToMillimetres() throws IOException {
        RawNifti metres = new RawNifti().dims(2, 2, 2).floats(EIGHT)
                .sform(1, 0.001, 0, 0, 0.1, 0, 0.002, 0, 0, 0, 0, 0.003, -0.05);
        metres.xyztUnits = 1 | 8; // metre, seconds
        Geometry g = NiftiReader.read(metres.writeTo(dir.resolve("m.nii"))).geometry();
        assertArrayEquals(new double[] {1, 2, 3}, g.spacing(), 1e-4);
        assertPoint(-100, 0, -50, g.origin());

        RawNifti microns = new RawNifti().dims(2, 2, 2).floats(EIGHT).pixdim(500, 250, 2000);
        microns.xyztUnits = 3;
        assertArrayEquals(new double[] {0.5, 0.25, 2},
                NiftiReader.read(microns.writeTo(dir.resolve("u.nii"))).geometry().spacing(), 1e-6);
    }

    @Test
    void scaledIntegersBecomeFloat32WithSlopeAndInterApplied() throws IOException {
        RawNifti raw = new RawNifti().dims(2, 2, 1).shorts(4, 0, 1, -1, 1000);
        raw.sclSlope = 2;
        raw.sclInter = -1024;
        Volume v = NiftiReader.read(raw.writeTo(dir.resolve("s.nii")));
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        assertArrayEquals(new float[] {-1024, -1022, -1026, 976}, v.toFloatArray());

        RawNifti bytes = new RawNifti().dims(2, 2, 1).bytes(2, 0, 10, 200, 255);
        bytes.sclSlope = 0.5f;
        Volume b = NiftiReader.read(bytes.writeTo(dir.resolve("b.nii")));
        assertEquals(VoxelType.FLOAT32, b.voxelType());
        assertArrayEquals(new float[] {0, 5, 100, 127.5f}, b.toFloatArray());
    }

    @Test
    void zeroOrNanSlopeMeansUnscaled() throws IOException {
        for (float slope : new float[] {0f, Float.NaN, 1f}) {
            RawNifti raw = new RawNifti().dims(2, 2, 1).shorts(4, 5, -6, 7, -8);
            raw.sclSlope = slope;
            raw.sclInter = slope == 1f ? 0f : 100f; // an intercept without a slope is ignored too
            Volume v = NiftiReader.read(raw.writeTo(dir.resolve("z.nii")));
            assertEquals(VoxelType.INT16, v.voxelType(), "slope " + slope);
            assertArrayEquals(new float[] {5, -6, 7, -8}, v.toFloatArray());
        }
    }

    @Test
    void otherIntegerAndFloatDatatypesBecomeFloat32() throws IOException {
        RawNifti int8 = new RawNifti().dims(2, 2, 1).bytes(256, -128, -1, 0, 127);
        assertArrayEquals(new float[] {-128, -1, 0, 127}, read(int8));
        RawNifti uint16 = new RawNifti().dims(2, 2, 1).shorts(512, 0, 1, 40000, 65535);
        assertArrayEquals(new float[] {0, 1, 40000, 65535}, read(uint16));
        RawNifti int32 = new RawNifti().dims(2, 2, 1).ints(-100000, 0, 16777216, 7);
        assertArrayEquals(new float[] {-100000, 0, 16777216, 7}, read(int32));
        RawNifti float64 = new RawNifti().dims(2, 2, 1).doubles(-0.5, 1e10, 3.25, 0);
        assertArrayEquals(new float[] {-0.5f, 1e10f, 3.25f, 0}, read(float64));
        RawNifti uint8 = new RawNifti().dims(2, 2, 1).bytes(2, 0, 128, 255, 1);
        Volume u = NiftiReader.read(uint8.writeTo(dir.resolve("u8.nii")));
        assertEquals(VoxelType.UINT8, u.voxelType());
        assertArrayEquals(new float[] {0, 128, 255, 1}, u.toFloatArray());
    }

    private float[] read(RawNifti raw) throws IOException {
        Volume v = NiftiReader.read(new ByteArrayInputStream(raw.toBytes()), "crafted.nii");
        assertEquals(VoxelType.FLOAT32, v.voxelType());
        return v.toFloatArray();
    }

    @Test
    void extensionsBeforeVoxOffsetAreSkipped() throws IOException {
        RawNifti raw = new RawNifti().dims(2, 2, 2).floats(EIGHT);
        raw.extension = new byte[] {1, 0, 0, 0};
        ByteBuffer ext = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        ext.putInt(32).putInt(4); // esize, ecode (4 = AFNI) then 24 bytes of content
        ext.put("<AFNI_attributes/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        raw.extensionBody = ext.array();
        raw.voxOffset = 352 + 32;
        assertArrayEquals(EIGHT, NiftiReader.read(raw.writeTo(dir.resolve("e.nii"))).toFloatArray());
        assertArrayEquals(EIGHT, NiftiReader.read(raw.writeGzipTo(dir.resolve("e.nii.gz"))).toFloatArray());
    }

    @Test
    void fourthDimensionBecomesChannelsAndTrailingUnitDimensionsAreAccepted() throws IOException {
        float[] v = new float[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        RawNifti raw = new RawNifti().dims(2, 2, 2, 2, 1).floats(v);
        Volume vol = NiftiReader.read(raw.writeTo(dir.resolve("c.nii")));
        assertEquals(2, vol.channels());
        assertEquals(2, vol.geometry().nz());
        assertEquals(13f, vol.get(1, 1, 0, 1));
    }

    @Test
    void oneAndTwoDimensionalImagesGetUnitDepth() throws IOException {
        RawNifti twoD = new RawNifti().dims(4, 2).floats(EIGHT).pixdim(0.5, 0.5, 0);
        Volume v = NiftiReader.read(twoD.writeTo(dir.resolve("2d.nii")));
        assertArrayEquals(new int[] {4, 2, 1}, v.geometry().size());
        assertEquals(1.0, v.geometry().spacing(2), 0, "a zero pixdim on a one-voxel axis counts as 1 mm");
        RawNifti oneD = new RawNifti().dims(8).floats(EIGHT);
        assertArrayEquals(new int[] {8, 1, 1}, NiftiReader.read(oneD.writeTo(dir.resolve("1d.nii")))
                .geometry().size());
    }

    @Test
    void labelsAreReadFromAnyIntegerTypeAndWholeFloats() throws IOException {
        RawNifti int16 = new RawNifti().dims(2, 2, 1).shorts(4, 0, 1, 255, 3);
        LabelVolume a = NiftiReader.readLabels(int16.writeTo(dir.resolve("a.nii")));
        assertArrayEquals(new byte[] {0, 1, (byte) 255, 3}, a.toByteArray());
        RawNifti floats = new RawNifti().dims(2, 2, 1).floats(0, 2, 2, 7);
        LabelVolume b = NiftiReader.readLabels(floats.writeGzipTo(dir.resolve("b.nii.gz")));
        assertArrayEquals(new byte[] {0, 2, 2, 7}, b.toByteArray());
        assertEquals(2, b.count(2));
    }

    @Test
    void labelsOutsideZeroTo255AreRefusedNamingTheVoxel() throws IOException {
        Path big = new RawNifti().dims(2, 2, 1).shorts(4, 0, 1, 256, 3).writeTo(dir.resolve("big.nii"));
        NiftiException e = assertThrows(NiftiException.class, () -> NiftiReader.readLabels(big));
        assertTrue(e.getMessage().contains("big.nii") && e.getMessage().contains("0..255")
                && e.getMessage().contains("x=0, y=1, z=0") && e.getMessage().contains("256"), e.getMessage());
        Path negative = new RawNifti().dims(2, 2, 1).bytes(256, 0, -1, 0, 0).writeTo(dir.resolve("neg.nii"));
        assertTrue(assertThrows(NiftiException.class, () -> NiftiReader.readLabels(negative)).getMessage()
                .contains("-1"));
        Path fraction = new RawNifti().dims(2, 2, 1).floats(0, 1.5f, 0, 0).writeTo(dir.resolve("frac.nii"));
        assertTrue(assertThrows(NiftiException.class, () -> NiftiReader.readLabels(fraction)).getMessage()
                .contains("1.5"));
    }

    @Test
    void multiChannelLabelsAreRefused() throws IOException {
        Path file = new RawNifti().dims(2, 1, 1, 2).bytes(2, 1, 2, 3, 4).writeTo(dir.resolve("mc.nii"));
        NiftiException e = assertThrows(NiftiException.class, () -> NiftiReader.readLabels(file));
        assertTrue(e.getMessage().contains("mc.nii") && e.getMessage().contains("dim[4] = 2"), e.getMessage());
    }
}
