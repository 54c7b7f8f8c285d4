package org.medimg4j.core.phantom;

import java.math.BigInteger;
import org.medimg4j.core.volume.VolumeMetadata;

/**
 * What the simulated scanner does to a rendered slice, shared by the phantoms: a slight in-plane blur (the
 * system's point-spread function, which softens tissue edges while labels stay hard), the vendor's gain and
 * offset, noise, clamping to the detector's range, and the result's metadata. Works on one slice's float array
 * in place, so phantoms can run it slice-parallel ({@link SlicePipeline}); {@link CaseVoxels} stores the result.
 */
final class Acquisition {

    private Acquisition() {
    }

    /**
     * Blurs a slice in place with the separable binomial kernel [1 2 1]/4 along x and y (σ ≈ 0.7 pixel),
     * replicating edge pixels.
     *
     * @param img ny·nx values, row by row
     * @param tmp scratch of at least nx·ny floats
     */
    static void smoothInPlane(float[] img, float[] tmp, int nx, int ny) {
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                float l = img[row + (x > 0 ? x - 1 : x)];
                float r = img[row + (x < nx - 1 ? x + 1 : x)];
                tmp[row + x] = 0.25f * l + 0.5f * img[row + x] + 0.25f * r;
            }
        }
        for (int y = 0; y < ny; y++) {
            int up = (y > 0 ? y - 1 : y) * nx;
            int row = y * nx;
            int down = (y < ny - 1 ? y + 1 : y) * nx;
            for (int x = 0; x < nx; x++) {
                img[row + x] = 0.25f * tmp[up + x] + 0.5f * tmp[row + x] + 0.25f * tmp[down + x];
            }
        }
    }

    /**
     * value ← clamp(gain·value + offset + σ·N(0, 1), lo, hi) for the first {@code n} values; the draws come from
     * {@code r} in voxel order, so a slice's noise depends only on its seed.
     */
    static void gaussian(float[] img, int n, VendorProfile vendor, double sigma, PhantomRandom r, double lo,
                         double hi) {
        double gain = vendor.gain();
        double offset = vendor.offset();
        double s = Math.sqrt(sigma * sigma + vendor.extraNoiseSigma() * vendor.extraNoiseSigma());
        for (int i = 0; i < n; i++) {
            double v = gain * img[i] + offset;
            if (s > 0) {
                v += s * r.gaussian();
            }
            img[i] = (float) Math.max(lo, Math.min(hi, v));
        }
    }

    /**
     * Magnitude-image (Rician) noise as in MR: value ← clamp(|gain·value + offset + σ·(n₁ + i·n₂)|, 0, hi), n₁ and
     * n₂ independent standard normals, so that the background is Rayleigh-distributed rather than zero.
     */
    static void rician(float[] img, int n, VendorProfile vendor, double sigma, PhantomRandom r, double hi) {
        double gain = vendor.gain();
        double offset = vendor.offset();
        double s = Math.sqrt(sigma * sigma + vendor.extraNoiseSigma() * vendor.extraNoiseSigma());
        for (int i = 0; i < n; i++) {
            double re = gain * img[i] + offset;
            double im = 0;
            if (s > 0) {
                re += s * r.gaussian();
                im = s * r.gaussian();
            }
            img[i] = (float) Math.min(hi, Math.sqrt(re * re + im * im));
        }
    }

    /**
     * The metadata of a phantom case: modality, a Series Instance UID derived from the seed (so a reproduced case
     * has the same UID), the demographics and, under "phantom" and "seed", what generated it.
     *
     * @param modality DICOM modality code ("CT", "DX", "MR")
     * @param kind     which phantom, e.g. "ct-chest"
     */
    static VolumeMetadata metadata(String modality, String kind, Demographics d, long seed) {
        VolumeMetadata m = new VolumeMetadata(modality, seriesUid(kind, seed), java.util.Map.of());
        return d.addTo(m).withAttribute("phantom", kind).withAttribute("seed", Long.toString(seed));
    }

    /**
     * A UID under the "2.25" root, which PS3.5 B.2 reserves for UIDs made from a 128-bit UUID written as one
     * decimal integer; the 128 bits here are a hash of the phantom kind and seed.
     */
    static String seriesUid(String kind, long seed) {
        long hi = PhantomRandom.mix(seed, kind.hashCode());
        long lo = PhantomRandom.mix(hi, 0x5EB1E5L);
        byte[] bytes = new byte[16];
        for (int b = 0; b < 8; b++) {
            bytes[b] = (byte) (hi >>> (56 - 8 * b));
            bytes[8 + b] = (byte) (lo >>> (56 - 8 * b));
        }
        return "2.25." + new BigInteger(1, bytes);
    }
}
