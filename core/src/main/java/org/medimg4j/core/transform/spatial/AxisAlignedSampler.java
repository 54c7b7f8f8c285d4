package org.medimg4j.core.transform.spatial;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.medimg4j.core.geometry.Geometry;

/**
 * The fast path of {@link GridResampler} for an output grid whose i, j, k axes run along the input's i, j, k axes
 * (a change of spacing, size or origin; flips included), which is what {@link Resample} and {@link Resize} do.
 * The index map is then separable: input x depends on output i only, y on j, z on k. Positions and weights are
 * computed once per column, row and slice; each output row blends the (up to four) input rows it needs with bulk
 * reads and vectorisable array loops, then interpolates along x from that blended row. Immutable once planned;
 * the scratch rows belong to each call.
 */
final class AxisAlignedSampler {

    /**
     * Fractional weights closer than this to 0 or 1 snap to the voxel centre. Geometry read from DICOM decimal
     * strings is not precise to better than about 1e−6 of a voxel, and a resample onto the same grid must copy the
     * voxels exactly rather than blend in 1e−15 of a neighbour.
     */
    static final double SNAP = 1e-6;

    private final SourceGrid s;
    private final boolean linear;
    private final int nxOut;
    private final int nyOut;
    private final int nzOut;
    /** First input column read, and the number of input columns read per row. */
    private final int xlo;
    private final int len;
    /** Per output column: the lower and upper input column minus {@code xlo}; −1 = outside. */
    private final int[] x0;
    private final int[] x1;
    private final float[] wx;
    /** Per output row: input rows and weight; −1 = outside. */
    private final int[] y0;
    private final int[] y1;
    private final float[] wy;
    /** Per output slice: input slices and weight; −1 = outside. */
    private final int[] z0;
    private final int[] z1;
    private final float[] wz;

    private AxisAlignedSampler(double[] m, Geometry target, SourceGrid s, boolean edge, boolean linear) {
        this.s = s;
        this.linear = linear;
        nxOut = target.nx();
        nyOut = target.ny();
        nzOut = target.nz();
        x0 = new int[nxOut];
        x1 = new int[nxOut];
        wx = new float[nxOut];
        y0 = new int[nyOut];
        y1 = new int[nyOut];
        wy = new float[nyOut];
        z0 = new int[nzOut];
        z1 = new int[nzOut];
        wz = new float[nzOut];
        locateAxis(m[0], m[3], s.nx, s.loX, s.hiX, edge, x0, x1, wx);
        locateAxis(m[5], m[7], s.ny, s.loY, s.hiY, edge, y0, y1, wy);
        locateAxis(m[10], m[11], s.nz, s.loZ, s.hiZ, edge, z0, z1, wz);
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int i = 0; i < nxOut; i++) {
            if (x0[i] >= 0) {
                lo = Math.min(lo, x0[i]);
                hi = Math.max(hi, x1[i]);
            }
        }
        xlo = hi < 0 ? 0 : lo;
        len = hi < 0 ? 0 : hi - lo + 1;
        for (int i = 0; i < nxOut; i++) {
            if (x0[i] >= 0) {
                x0[i] -= xlo;
                x1[i] -= xlo;
            }
        }
    }

    /**
     * @param m      the output-index → input-index affine, row-major 3×4
     * @param target the output grid
     * @return whether {@code m} is separable: each off-diagonal term moves no sample by more than {@link #SNAP}
     *         of a voxel anywhere on the output grid
     */
    static boolean applies(double[] m, Geometry target) {
        int[] n = target.size();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (r != c && Math.abs(m[r * 4 + c]) * (n[c] - 1) > SNAP) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Plans the resample of every channel onto {@code target}; see {@link #applies}. */
    static AxisAlignedSampler plan(double[] m, Geometry target, SourceGrid s, boolean edge, Interpolation interp) {
        return new AxisAlignedSampler(m, target, s, edge, interp == Interpolation.LINEAR);
    }

    /** Input index v = scale·o + offset along one axis, for each output index o. */
    private void locateAxis(double scale, double offset, int n, double lo, double hi, boolean edge,
                            int[] i0, int[] i1, float[] w) {
        double top = n - 1;
        for (int o = 0; o < i0.length; o++) {
            double v = scale * o + offset;
            if (!edge && !(v >= lo - SourceGrid.SLACK && v <= hi + SourceGrid.SLACK)) {
                i0[o] = -1;
                i1[o] = -1;
                continue;
            }
            double vc = v < 0 ? 0 : Math.min(v, top);
            if (!linear) {
                // clamped to >= 0, so the cast truncates like floor: round half up
                int k = (int) (vc + 0.5);
                i0[o] = k;
                i1[o] = k;
                continue;
            }
            int k = (int) vc;
            double f = vc - k;
            if (f < SNAP) {
                f = 0;
            } else if (f > 1 - SNAP) {
                k++;
                f = 0;
            }
            i0[o] = k;
            i1[o] = Math.min(k + 1, n - 1);
            w[o] = (float) f;
        }
    }

    /**
     * Resamples output slice {@code k}, rows [{@code j0}, {@code j1}), of every channel.
     *
     * @param in       the input voxels, C order (c, z, y, x)
     * @param pads     the pad value per channel
     * @param channels channels in {@code in} and {@code out}
     * @param out      the output voxels, C order
     */
    void resampleFloats(FloatBuffer in, float[] pads, int channels, float[] out, int k, int j0, int j1) {
        int outPerChannel = nxOut * nyOut * nzOut;
        float[] a = new float[len];
        float[] b = new float[len];
        float[] c = new float[len];
        float[] d = new float[len];
        for (int j = j0; j < j1; j++) {
            for (int ch = 0; ch < channels; ch++) {
                int o = ch * outPerChannel + (k * nyOut + j) * nxOut;
                float pad = pads[ch];
                if (z0[k] < 0 || y0[j] < 0 || len == 0) {
                    Arrays.fill(out, o, o + nxOut, pad);
                    continue;
                }
                int chan = ch * s.voxels;
                int r00 = chan + (z0[k] * s.ny + y0[j]) * s.nx + xlo;
                if (!linear) {
                    in.get(r00, a, 0, len);
                    for (int i = 0; i < nxOut; i++) {
                        int p = x0[i];
                        out[o + i] = p < 0 ? pad : a[p];
                    }
                    continue;
                }
                int r01 = chan + (z0[k] * s.ny + y1[j]) * s.nx + xlo;
                int r10 = chan + (z1[k] * s.ny + y0[j]) * s.nx + xlo;
                int r11 = chan + (z1[k] * s.ny + y1[j]) * s.nx + xlo;
                float fy = wy[j];
                float fz = wz[k];
                in.get(r00, a, 0, len);
                if (fy != 0 && fz == 0) {
                    in.get(r01, b, 0, len);
                    lerp(a, b, fy, len);
                } else if (fy == 0 && fz != 0) {
                    in.get(r10, b, 0, len);
                    lerp(a, b, fz, len);
                } else if (fy != 0) {
                    in.get(r01, b, 0, len);
                    in.get(r10, c, 0, len);
                    in.get(r11, d, 0, len);
                    lerp(a, b, fy, len);
                    lerp(c, d, fy, len);
                    lerp(a, c, fz, len);
                }
                for (int i = 0; i < nxOut; i++) {
                    int p = x0[i];
                    if (p < 0) {
                        out[o + i] = pad;
                    } else {
                        float v = a[p];
                        out[o + i] = v + wx[i] * (a[x1[i]] - v);
                    }
                }
            }
        }
    }

    /** a ← a + w·(b − a), element-wise over the first n values. */
    private static void lerp(float[] a, float[] b, float w, int n) {
        for (int x = 0; x < n; x++) {
            a[x] += w * (b[x] - a[x]);
        }
    }

    /** Nearest resample of labels: output slice {@code k}, rows [{@code j0}, {@code j1}); outside is 0. */
    void resampleLabels(ByteBuffer in, byte[] out, int k, int j0, int j1) {
        byte[] a = new byte[len];
        for (int j = j0; j < j1; j++) {
            int o = (k * nyOut + j) * nxOut;
            if (z0[k] < 0 || y0[j] < 0 || len == 0) {
                Arrays.fill(out, o, o + nxOut, (byte) 0);
                continue;
            }
            in.get((z0[k] * s.ny + y0[j]) * s.nx + xlo, a, 0, len);
            for (int i = 0; i < nxOut; i++) {
                int p = x0[i];
                out[o + i] = p < 0 ? 0 : a[p];
            }
        }
    }
}
