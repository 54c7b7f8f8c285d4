package org.medimg4j.models.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/** What the samplers share: augmenting a cut-out sample with its replayable seed, and writing features and one-hot labels. */
final class ExampleWriter {

    private ExampleWriter() {
    }

    /** Applies {@code augmentation} with the example's seed and checks that the grid size is kept. */
    static Sample augment(Transform augmentation, Volume image, LabelVolume label, long seed, CaseInfo info) {
        Sample in = (label == null ? Sample.of(image) : Sample.of(image, label)).withSeed(seed);
        Sample out;
        try {
            out = augmentation.apply(in);
        } catch (RuntimeException e) {
            throw new DataException("augmentation failed on " + info + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(out.image().geometry().size(), image.geometry().size())
                || out.image().channels() != image.channels()) {
            throw new DataException("augmentation must keep the example's size: " + info + " went from "
                    + Arrays.toString(image.geometry().size()) + " to " + Arrays.toString(out.image().geometry().size())
                    + " voxels; crop or resize in preprocessing instead");
        }
        return out;
    }

    /** Copies all of {@code image}'s voxels (c, z, y, x) into {@code dst} at {@code offset}. */
    static void writeImage(Volume image, float[] dst, int offset) {
        int n = image.channels() * image.voxelsPerChannel();
        if (image.voxelType() == VoxelType.FLOAT32) {
            image.floats().get(0, dst, offset, n);
        } else {
            System.arraycopy(image.toFloatArray(), 0, dst, offset, n);
        }
    }

    /** Writes one-hot channels (K, voxels) for {@code label}'s voxels into {@code dst} at {@code offset}. */
    static void writeOneHot(LabelVolume label, int classes, float[] dst, int offset, CaseInfo info) {
        ByteBuffer b = label.labels();
        int n = b.capacity();
        byte[] v = new byte[n];
        b.get(0, v);
        writeOneHot(v, 0, n, classes, dst, offset, info);
    }

    /** Writes one-hot channels for {@code n} labels from {@code labels[from]} into {@code dst} at {@code offset}. */
    static void writeOneHot(byte[] labels, int from, int n, int classes, float[] dst, int offset, CaseInfo info) {
        Arrays.fill(dst, offset, offset + classes * n, 0f);
        for (int i = 0; i < n; i++) {
            int c = labels[from + i] & 0xFF;
            if (c >= classes) {
                throw new DataException("label " + c + " in " + info + " is not below classes = " + classes
                        + "; map labels to 0..classes-1 first (e.g. LabelVolume.select)");
            }
            dst[offset + c * n + i] = 1f;
        }
    }

    /** @return a random permutation of 0..n-1 from {@code seed} */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
