package org.medimg4j.core.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decoder's output growth (used when a source cannot vouch for its length) and chunk boundaries. */
class NiftiVoxelDecoderTest {

    /** Voxels as 7 x 10001: several 256 KiB chunks of floats, and a partial last chunk. */
    private static final int N = 7 * 10_001;

    private static NiftiVoxelDecoder decode(RawNifti raw, int initialElements) throws IOException {
        byte[] bytes = raw.toBytes();
        NiftiHeader h = NiftiHeader.parse(Arrays.copyOf(bytes, 352), "grow.nii");
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 352, bytes.length - 352);
        return new NiftiVoxelDecoder(in, h, "grow.nii", initialElements);
    }

    @Test
    void outputGrowsFromOneElementToTheFullVolume() throws IOException {
        float[] floats = new float[N];
        int[] shorts = new int[N];
        int[] bytes = new int[N];
        for (int i = 0; i < N; i++) {
            floats[i] = i * 0.25f - 3;
            shorts[i] = (short) (i * 7);
            bytes[i] = i % 200;
        }
        float[] f = decode(new RawNifti().dims(7, 10_001).floats(floats), 1).readFloat32();
        assertArrayEquals(floats, f);
        short[] s = decode(new RawNifti().dims(7, 10_001).shorts(4, shorts), 1).readInt16();
        assertEquals(N, s.length);
        assertEquals((short) ((N - 1) * 7), s[N - 1]);
        byte[] b = decode(new RawNifti().dims(7, 10_001).bytes(2, bytes), 3).readUint8();
        assertEquals(N, b.length);
        assertEquals((N - 1) % 200, b[N - 1] & 0xFF);
        byte[] labels = decode(new RawNifti().dims(7, 10_001).shorts(4, bytes), 2).readLabels();
        assertEquals(N, labels.length);
        assertEquals((N - 2) % 200, labels[N - 2] & 0xFF);
    }

    @Test
    void shortDataIsReportedAfterGrowingOnlyAsFarAsTheDataGoes() throws IOException {
        RawNifti raw = new RawNifti().dims(7, 10_001, 1000).floats(new float[N]);
        NiftiException e = assertThrows(NiftiException.class, () -> decode(raw, 16).readFloat32());
        assertTrue(e.getMessage().contains("ends after " + (N * 4L)), e.getMessage());
    }
}
