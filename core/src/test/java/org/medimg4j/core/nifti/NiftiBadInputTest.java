package org.medimg4j.core.nifti;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.Volume;

/** Every malformed input fails with a {@link NiftiException} naming the file and the field at fault. */
class NiftiBadInputTest {

    @TempDir
    Path dir;

    private static RawNifti valid() {
        return new RawNifti().dims(2, 2, 2).floats(1, 2, 3, 4, 5, 6, 7, 8);
    }

    /** Asserts a NiftiException whose message names the file and contains every fragment. */
    private static NiftiException assertFails(String file, Executable read, String... fragments) {
        NiftiException e = assertThrows(NiftiException.class, read);
        assertTrue(e.getMessage().contains(file), () -> "message should name " + file + ": " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message should contain '" + f + "': " + e.getMessage());
        }
        return e;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void fileShorterThanTheHeaderIsTruncated() throws IOException {
        Path cut = write("cut.nii", Arrays.copyOf(valid().toBytes(), 200));
        assertFails("cut.nii", () -> NiftiReader.read(cut), "truncated", "348");
        Path empty = write("empty.nii", new byte[0]);
        assertFails("empty.nii", () -> NiftiReader.read(empty), "truncated", "0 bytes");
        Path cutGz = write("cut.nii.gz", RawNifti.gzip(Arrays.copyOf(valid().toBytes(), 350)));
        assertFails("cut.nii.gz", () -> NiftiReader.read(cutGz), "truncated", "decompressed");
    }

    @Test
    void twoFileMagicIsRefused() throws IOException {
        RawNifti raw = valid();
        raw.magic = new byte[] {'n', 'i', '1', 0};
        Path file = raw.writeTo(dir.resolve("pair.nii"));
        assertFails("pair.nii", () -> NiftiReader.read(file), "magic", "ni1", ".hdr/.img");
    }

    @Test
    void garbageMagicIsRefused() throws IOException {
        RawNifti raw = valid();
        raw.magic = new byte[] {'n', '+', '2', 0};
        Path file = raw.writeTo(dir.resolve("magic.nii"));
        assertFails("magic.nii", () -> NiftiReader.read(file), "magic", "n+1", "n+2");
        raw.magic = new byte[] {'n', '+', '1', 'x'};
        Path unterminated = raw.writeTo(dir.resolve("magic2.nii"));
        assertFails("magic2.nii", () -> NiftiReader.read(unterminated), "magic", "n+1x");
    }

    @Test
    void sizeofHdrOtherThan348IsRefused() throws IOException {
        RawNifti raw = valid();
        raw.sizeofHdr = 1234;
        Path file = raw.writeTo(dir.resolve("size.nii"));
        assertFails("size.nii", () -> NiftiReader.read(file), "sizeof_hdr", "348", "1234");
        raw.sizeofHdr = 540;
        Path nifti2 = raw.writeTo(dir.resolve("n2.nii"));
        assertFails("n2.nii", () -> NiftiReader.read(nifti2), "sizeof_hdr", "NIfTI-2");
        Path text = write("text.nii", "this is not an image at all, just some text".repeat(10).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        assertFails("text.nii", () -> NiftiReader.read(text), "sizeof_hdr");
    }

    @Test
    void unsupportedDatatypeIsRefused() throws IOException {
        for (int code : new int[] {32, 128, 1024, 0, 9999}) {
            RawNifti raw = valid();
            raw.datatype = (short) code;
            Path file = raw.writeTo(dir.resolve("dt" + code + ".nii"));
            assertFails("dt" + code + ".nii", () -> NiftiReader.read(file), "datatype " + code, "16 (FLOAT32)");
        }
    }

    @Test
    void voxelDataShorterThanDimsRequireIsRefused() throws IOException {
        RawNifti raw = new RawNifti().dims(4, 4, 4).floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Path file = raw.writeTo(dir.resolve("short.nii"));
        assertFails("short.nii", () -> NiftiReader.read(file), "shorter", "256 bytes", "4x4x4");
        Path gz = raw.writeGzipTo(dir.resolve("short.nii.gz"));
        assertFails("short.nii.gz", () -> NiftiReader.read(gz), "shorter", "256 bytes", "ends after 40");
        assertFails("short-stream.nii", () -> NiftiReader.read(new ByteArrayInputStream(raw.toBytes()),
                "short-stream.nii"), "shorter", "ends after 40");
        assertFails("short.nii", () -> NiftiReader.readLabels(file), "shorter");
    }

    @Test
    void absurdDimsFailWithoutAllocating() throws IOException {
        RawNifti huge = valid().dims(32767, 32767, 32767, 32767);
        Path file = huge.writeTo(dir.resolve("huge.nii"));
        assertFails("huge.nii", () -> NiftiReader.read(file), "dim 32767x32767x32767x32767", "more than a volume");

        RawNifti big = valid().dims(2000, 2000, 500);
        Path plain = big.writeTo(dir.resolve("big.nii"));
        assertFails("big.nii", () -> NiftiReader.read(plain), "shorter", "8000000000 bytes", "file has 32");
        Path gz = big.writeGzipTo(dir.resolve("big.nii.gz"));
        assertFails("big.nii.gz", () -> NiftiReader.read(gz), "shorter", "gzip file", "1032:1");

        // no length to check a stream against: the heap, or the data running out, stops it
        RawNifti cube = valid().dims(1290, 1290, 1290);
        assertFails("cube.nii", () -> NiftiReader.read(new ByteArrayInputStream(cube.toBytes()), "cube.nii"),
                "dim 1290x1290x1290x1");
        assertFails("cube.nii", () -> NiftiReader.readLabels(new ByteArrayInputStream(cube.toBytes()),
                "cube.nii"), "dim 1290x1290x1290x1");
    }

    @Test
    void badDimFieldsAreRefused() throws IOException {
        RawNifti zeroRank = valid();
        zeroRank.dim[0] = 0;
        Path a = zeroRank.writeTo(dir.resolve("rank0.nii"));
        assertFails("rank0.nii", () -> NiftiReader.read(a), "dim[0]", "1..7");
        RawNifti rank8 = valid();
        rank8.dim[0] = 8;
        Path b = rank8.writeTo(dir.resolve("rank8.nii"));
        assertFails("rank8.nii", () -> NiftiReader.read(b), "dim[0]", "8");
        RawNifti negative = valid();
        negative.dim[2] = -5;
        Path c = negative.writeTo(dir.resolve("neg.nii"));
        assertFails("neg.nii", () -> NiftiReader.read(c), "dim[2]", "-5");
        Path d = valid().dims(2, 2, 2, 1, 3).writeTo(dir.resolve("5d.nii"));
        assertFails("5d.nii", () -> NiftiReader.read(d), "dim[5] = 3", "4 dimensions");
    }

    @Test
    void voxOffsetInsideTheHeaderIsRefused() throws IOException {
        for (float offset : new float[] {348f, 0f, 352.5f, Float.NaN}) {
            RawNifti raw = valid();
            raw.voxOffset = offset;
            Path file = raw.writeTo(dir.resolve("off.nii"));
            assertFails("off.nii", () -> NiftiReader.read(file), "vox_offset", ">= 352");
        }
    }

    @Test
    void voxOffsetPastTheEndIsRefused() throws IOException {
        RawNifti raw = valid();
        byte[] bytes = raw.toBytes();
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(108, 4096f);
        Path file = write("far.nii", bytes);
        assertFails("far.nii", () -> NiftiReader.read(file), "shorter", "vox_offset 4096");
        Path gz = write("far.nii.gz", RawNifti.gzip(bytes));
        assertFails("far.nii.gz", () -> NiftiReader.read(gz), "truncated", "before vox_offset 4096");
    }

    @Test
    void corruptGzipIsRefused() throws IOException {
        Path good = dir.resolve("good.nii.gz");
        float[] v = new float[4096];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37) * 1000;
        }
        NiftiWriter.write(Volume.ofFloats(Geometry.of(16, 16, 16, 1, 1, 1), v), good);
        byte[] bytes = Files.readAllBytes(good);

        byte[] flipped = bytes.clone();
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            flipped[i] ^= (byte) 0x5A;
        }
        Path corrupt = write("corrupt.nii.gz", flipped);
        assertFails("corrupt.nii.gz", () -> NiftiReader.read(corrupt), "gzip stream is corrupt");

        Path halved = write("halved.nii.gz", Arrays.copyOf(bytes, bytes.length / 2));
        assertFails("halved.nii.gz", () -> NiftiReader.read(halved), "gzip stream is corrupt or truncated");

        byte[] badTrailer = bytes.clone();
        badTrailer[bytes.length - 6] ^= 1; // in the CRC-32: only the trailer check can catch this
        Path crc = write("crc.nii.gz", badTrailer);
        assertFails("crc.nii.gz", () -> NiftiReader.read(crc), "gzip stream is corrupt");

        byte[] badHeader = bytes.clone();
        badHeader[2] = 7; // compression method other than deflate (8)
        Path method = write("method.nii.gz", badHeader);
        assertFails("method.nii.gz", () -> NiftiReader.read(method), "gzip stream is corrupt");
        assertFails("method.nii.gz", () -> NiftiReader.readLabels(method), "gzip stream is corrupt");
    }

    @Test
    void shearedSformIsRefusedNamingTheAxes() throws IOException {
        RawNifti raw = valid().sform(1, 1, 0.3, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        Path file = raw.writeTo(dir.resolve("shear.nii"));
        assertFails("shear.nii", () -> NiftiReader.read(file), "sform is sheared", "i (x)", "j (y)");
        RawNifti flat = valid().sform(1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        Path degenerate = flat.writeTo(dir.resolve("flat.nii"));
        assertFails("flat.nii", () -> NiftiReader.read(degenerate), "sform column 2", "non-zero");
    }

    @Test
    void zeroVoxelSizeOnARealAxisIsRefused() throws IOException {
        Path file = valid().pixdim(0, 1, 1).writeTo(dir.resolve("pix.nii"));
        assertFails("pix.nii", () -> NiftiReader.read(file), "pixdim[1]", "positive");
    }

    @Test
    void nonFiniteQuaternionIsRefused() throws IOException {
        Path file = valid().qform(1, Double.NaN, 0, 0, 1, 0, 0, 0).writeTo(dir.resolve("quat.nii"));
        assertFails("quat.nii", () -> NiftiReader.read(file), "quatern_b/c/d", "finite");
    }

    @Test
    void writerRefusesSizesBeyondTheDimField() {
        Volume wide = Volume.ofFloats(Geometry.of(40000, 1, 1, 1, 1, 1), new float[40000]);
        Path file = dir.resolve("wide.nii");
        assertFails("wide.nii", () -> NiftiWriter.write(wide, file), "x (nx)", "40000", "32767");
        assertTrue(Files.notExists(file));
    }
}
