package org.medimg4j.dicom.series;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.lut.ModalityLut;
import org.medimg4j.dicom.pixel.DicomImage;
import org.medimg4j.dicom.pixel.ImagePixelModule;

/**
 * Reads the pixels of a {@link SliceStack} into one voxel array, slices in parallel, each file opened once.
 *
 * <p>The output type is decided per load: INT16 when every slice's Modality LUT maps its values to integers that
 * fit 16 bits, else FLOAT32. Before decoding, a slice can be INT16 only if its LUT is an integer rescale (or a
 * table) and, for 8- and 32-bit samples, exact over the whole Bits Stored range. 16-bit slices — CT, MR — are
 * decoded <em>straight into their place in the volume's short[]</em> and rescaled there: without a check when
 * the bits the values use bound the results (Bits Stored, or measured on the bytes as they are read, see
 * {@link DicomImage#decodeFrameMeasuringBits}), else in one pass that also checks every result fits (a signed 16-bit CT with intercept −1024 is not exact over Bits Stored, but always is
 * over its real values). Should a slice not fit, the volume becomes FLOAT32: from the stored values still in place
 * (an unsigned MR above 32767 without rescale, a table too wide), or, for a rescale that overflowed in place, by
 * decoding that slice again — the one case where a file is read twice. FLOAT32 loads decode each
 * slice into a per-thread buffer and apply the LUT into the float[]. Grid slots between stored slices (a
 * lenient load of a gapped stack) are filled last, from the finished slices.
 *
 * <p>The voxel arrays are checked against {@link SeriesLoadOptions#memoryBudgetBytes()} and the Java array limit
 * before they are allocated.
 */
final class VoxelAssembler {

    /**
     * Bounds on an integer rescale done in int arithmetic: |65535 × 16384| + 65536 stays below 2^31. Any rescale
     * that maps to INT16 is far inside them.
     */
    private static final int MAX_INT_SLOPE = 1 << 14;
    private static final int MAX_INT_INTERCEPT = 1 << 16;

    private final SliceStack stack;
    private final SeriesLoadOptions options;
    private final List<PlanarSlice> slices;
    private final int plane;
    private final int nz;
    /** Indices of the stored slices that some slot needs, in position order. */
    private final int[] used;
    /** Per stored slice: Pixel Representation 0 (or 1-bit), from the header. */
    private final boolean[] unsigned;
    private final int[] bitsAllocated;
    /** INT16 plan: whether the slice's LUT was applied in place (else its stored values wait for FLOAT32). */
    private final boolean[] converted;
    /** INT16 plan: the slice's rescaled values overflowed INT16 in place, so it must be decoded again. */
    private final boolean[] redecode;
    private boolean int16;
    private short[] shorts;
    private float[] floats;
    private short[][] stagedShorts;
    private float[][] stagedFloats;

    private VoxelAssembler(SliceStack stack, SeriesLoadOptions options) throws SeriesException {
        this.stack = stack;
        this.options = options;
        this.slices = stack.slices();
        Geometry g = stack.geometry();
        this.plane = g.nx() * g.ny();
        this.nz = g.nz();
        boolean[] needed = new boolean[slices.size()];
        for (int k = 0; k < nz; k++) {
            double w = stack.upperWeight(k);
            if (w == 0 || options.gapFill() == GapFill.LINEAR || w < 0.5) {
                needed[stack.lowerSlice(k)] = true;
            }
            if (w != 0 && (options.gapFill() == GapFill.LINEAR || w >= 0.5)) {
                needed[stack.upperSlice(k)] = true;
            }
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < needed.length; i++) {
            if (needed[i]) {
                list.add(i);
            }
        }
        this.used = list.stream().mapToInt(Integer::intValue).toArray();
        this.unsigned = new boolean[slices.size()];
        this.bitsAllocated = new int[slices.size()];
        this.converted = new boolean[slices.size()];
        this.redecode = new boolean[slices.size()];
        Map<InstanceHeader, ImagePixelModule> modules = new IdentityHashMap<>();
        boolean exactSoFar = !(options.gapFill() == GapFill.LINEAR && stack.isResampled());
        for (int i : used) {
            PlanarSlice s = slices.get(i);
            ImagePixelModule m = modules.get(s.instance());
            if (m == null) {
                m = SliceReader.pixelModule(stack.candidate(), s.instance());
                modules.put(s.instance(), m);
            }
            if (m.samplesPerPixel() != 1) {
                throw new SeriesException(stack.candidate(), SeriesException.Reason.UNSUPPORTED, s.describe()
                        + ": " + m.samplesPerPixel() + " samples per pixel (" + m.photometric() + "): a volume "
                        + "holds one value per voxel");
            }
            FrameInfo fi = m.frameInfo();
            unsigned[i] = !fi.signed();
            bitsAllocated[i] = m.bitsAllocated();
            exactSoFar &= mayBeInt16(s.lut(), fi);
        }
        this.int16 = exactSoFar;
    }

    /**
     * Builds the volume of a stack.
     *
     * @return the volume, INT16 or FLOAT32, in {@code unit} with {@code metadata}
     * @throws SeriesException naming the series when the volume is over the budget or a slice cannot be decoded
     *                         as its header promised
     * @throws IOException     when a file cannot be read or decoded
     */
    static Volume assemble(SliceStack stack, SeriesLoadOptions options, IntensityUnit unit, VolumeMetadata metadata)
            throws IOException {
        VoxelAssembler a = new VoxelAssembler(stack, options);
        try (SliceTasks tasks = new SliceTasks(options.threads(), a.plane)) {
            a.allocate();
            a.decodeAll(tasks);
            if (a.int16 && !a.allConverted()) {
                a.toFloat(tasks);
            }
            a.fillSlots(tasks);
        }
        Volume.Builder b = Volume.builder(stack.geometry()).unit(unit).metadata(metadata);
        return (a.int16 ? b.shorts(a.shorts) : b.floats(a.floats)).build();
    }

    /** Whether a slice can be INT16, as far as the header tells (16-bit samples are checked on their values). */
    private static boolean mayBeInt16(ModalityLut lut, FrameInfo fi) {
        if (lut.isLinear() && (lut.slope() != Math.rint(lut.slope()) || lut.intercept() != Math.rint(lut.intercept())
                || Math.abs(lut.slope()) > MAX_INT_SLOPE || Math.abs(lut.intercept()) > MAX_INT_INTERCEPT)) {
            return false;
        }
        if (fi.bitsAllocated() == 16) {
            return true;
        }
        int bits = Math.min(fi.bitsStored(), 31);
        long min = fi.signed() ? -(1L << (bits - 1)) : 0;
        long max = fi.signed() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        return lut.isInt16Exact((int) Math.max(min, Integer.MIN_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
    }

    private int stagedCount() {
        int n = 0;
        for (int i : used) {
            if (stack.slotOf(i) < 0) {
                n++;
            }
        }
        return n;
    }

    private void requireBudget(int bytesPerVoxel, long otherBytes, String what) throws SeriesException {
        Geometry g = stack.geometry();
        long voxels = g.voxelCount();
        String size = g.nx() + " x " + g.ny() + " x " + g.nz() + " voxels";
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new SeriesException(stack.candidate(), SeriesException.Reason.TOO_LARGE, "volume too large: "
                    + size + " (" + voxels + ") is more than one Java array holds (2^31 - 9)");
        }
        long bytes = (voxels + (long) stagedCount() * plane) * bytesPerVoxel + otherBytes;
        if (bytes > options.memoryBudgetBytes()) {
            throw new SeriesException(stack.candidate(), SeriesException.Reason.TOO_LARGE, "volume too large: "
                    + size + " " + what + " need " + mib(bytes) + ", more than the memory budget of "
                    + mib(options.memoryBudgetBytes()) + " (SeriesLoadOptions.memoryBudgetBytes; by default the "
                    + "JVM's maximum heap, -Xmx)");
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private void allocate() throws SeriesException {
        requireBudget(int16 ? 2 : 4, 0, int16 ? "as INT16" : "as FLOAT32");
        int voxels = (int) stack.geometry().voxelCount();
        if (int16) {
            shorts = new short[voxels];
            stagedShorts = new short[slices.size()][];
        } else {
            floats = new float[voxels];
            stagedFloats = new float[slices.size()][];
        }
        for (int i : used) {
            if (stack.slotOf(i) < 0) {
                if (int16) {
                    stagedShorts[i] = new short[plane];
                } else {
                    stagedFloats[i] = new float[plane];
                }
            }
        }
    }

    private int offsetOf(int slice) {
        int slot = stack.slotOf(slice);
        return slot < 0 ? 0 : slot * plane;
    }

    private short[] shortsOf(int slice) {
        return stack.slotOf(slice) < 0 ? stagedShorts[slice] : shorts;
    }

    private float[] floatsOf(int slice) {
        return stack.slotOf(slice) < 0 ? stagedFloats[slice] : floats;
    }

    private void decodeAll(SliceTasks tasks) throws IOException {
        // A multi-frame file is opened once and its frames decoded in parallel from the one (thread-safe) image.
        Map<InstanceHeader, Integer> uses = new IdentityHashMap<>();
        for (int i : used) {
            uses.merge(slices.get(i).instance(), 1, Integer::sum);
        }
        Map<InstanceHeader, DicomImage> shared = new IdentityHashMap<>();
        List<DicomFile> open = new ArrayList<>();
        try {
            for (Map.Entry<InstanceHeader, Integer> e : uses.entrySet()) {
                if (e.getValue() > 1) {
                    DicomFile f = DicomFile.read(e.getKey().path());
                    open.add(f);
                    shared.put(e.getKey(), DicomImage.of(f));
                }
            }
            tasks.run(used.length, (t, scratch) -> {
                int i = used[t];
                PlanarSlice s = slices.get(i);
                DicomImage image = shared.get(s.instance());
                if (image != null) {
                    decode(i, image, scratch);
                } else {
                    try (DicomFile f = DicomFile.read(s.instance().path())) {
                        decode(i, DicomImage.of(f), scratch);
                    }
                }
            });
        } finally {
            for (DicomFile f : open) {
                f.close();
            }
        }
    }

    private void decode(int i, DicomImage image, SliceTasks.Scratch scratch) throws IOException {
        PlanarSlice s = slices.get(i);
        FrameInfo fi = image.frameInfo();
        if (fi.rows() != s.plane().rows() || fi.columns() != s.plane().columns() || fi.samplesPerPixel() != 1
                || fi.bitsAllocated() != bitsAllocated[i] || fi.signed() == unsigned[i]) {
            throw new SeriesException(stack.candidate(), SeriesException.Reason.CONFLICTING_SIZE, s.describe()
                    + ": pixels are " + fi.rows() + " x " + fi.columns() + " x " + fi.samplesPerPixel() + ", "
                    + fi.bitsAllocated() + " bits, but the scanned header said " + s.plane().rows() + " x "
                    + s.plane().columns() + ", " + bitsAllocated[i] + " bits: the file changed since the scan");
        }
        ModalityLut lut = s.lut();
        boolean u = unsigned[i];
        int off = offsetOf(i);
        if (!int16) {
            SampleBuffer b = scratch.forBits(fi.bitsAllocated());
            image.decodeFrame(s.frame(), b);
            lut.apply(b, u, plane, floatsOf(i), off);
            return;
        }
        short[] out = shortsOf(i);
        if (fi.bitsAllocated() == 16) {
            // straight into the volume: no copy for the common CT/MR case
            SampleBuffer in = SampleBuffer.of(out, off);
            int bits = Math.min(image.decodeFrameMeasuringBits(s.frame(), in), 16);
            int lo = u ? 0 : -(1 << (bits - 1));
            int hi = u ? (1 << bits) - 1 : (1 << (bits - 1)) - 1;
            if (!lut.isLinear()) {
                // a table's range does not depend on the input: exact or not as a whole
                if (lut.isInt16Exact(0, 0)) {
                    lut.applyInt16(in, u, plane, out, off);
                    converted[i] = true;
                }
            } else if (lut.isIdentity()) {
                converted[i] = !u || fitsSigned(out, off, plane);
            } else if (lut.isInt16Exact(lo, hi)) {
                // the bits the values use (Bits Stored, or measured as read) bound every result: nothing to check
                rescaleInPlace(out, off, plane, (int) lut.slope(), (int) lut.intercept());
                converted[i] = true;
            } else if (rescaleInPlace(out, off, plane, u, (int) lut.slope(), (int) lut.intercept())) {
                converted[i] = true;
            } else {
                // values wrapped: decoded again, into the FLOAT32 volume (see toFloat)
                redecode[i] = true;
            }
            return;
        }
        SampleBuffer b = scratch.forBits(fi.bitsAllocated());
        image.decodeFrame(s.frame(), b);
        lut.applyInt16(b, u, plane, out, off);
        converted[i] = true;
    }

    /**
     * {@code a[j] = stored × slope + intercept} in place, in one pass (the slice is still in cache from decoding).
     *
     * @return whether every result fits INT16; if not, the slice's values are lost (wrapped) and it is decoded again
     */
    static boolean rescaleInPlace(short[] a, int off, int n, boolean unsigned, int slope, int intercept) {
        int mask = unsigned ? 0xFFFF : -1;
        int outside = 0;
        for (int j = off, end = off + n; j < end; j++) {
            int r = (a[j] & mask) * slope + intercept;
            // r + 32768 is in [0, 65535] exactly when r fits a short: any other bit set means it does not
            outside |= (r + 32768) & 0xFFFF0000;
            a[j] = (short) r;
        }
        return outside == 0;
    }

    /**
     * {@code a[j] = stored × slope + intercept} in place, for a slice whose every result is known to fit INT16 (from
     * Bits Stored). In 16-bit arithmetic, which the JIT vectorises: the low 16 bits of the result do not depend on
     * whether the stored bits are read as signed or unsigned. About 5× faster than the checking loop below, whose
     * per-value overflow test (a reduction over widened shorts) C2 does not vectorise.
     */
    static void rescaleInPlace(short[] a, int off, int n, int slope, int intercept) {
        short c = (short) intercept;
        if (slope == 1) {
            for (int j = off, end = off + n; j < end; j++) {
                a[j] = (short) (a[j] + c);
            }
        } else {
            short m = (short) slope;
            for (int j = off, end = off + n; j < end; j++) {
                a[j] = (short) (a[j] * m + c);
            }
        }
    }

    /** @return whether unsigned 16-bit values stored in a short[] are all below 32768 (no sign bit set) */
    static boolean fitsSigned(short[] a, int off, int n) {
        int any = 0;
        for (int j = off, end = off + n; j < end; j++) {
            any |= a[j];
        }
        return any >= 0;
    }

    private boolean allConverted() {
        for (int i : used) {
            if (!converted[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * INT16 plan, but a slice's values do not fit: FLOAT32 from what is in memory (modality values, or stored values
     * the LUT was not applied to); a slice whose in-place rescale overflowed is read again (the one case where a
     * file is read twice).
     */
    private void toFloat(SliceTasks tasks) throws IOException {
        requireBudget(4, (long) shorts.length * 2 + (long) stagedCount() * plane * 2,
                "as FLOAT32 (some slice's values do not fit INT16) beside the INT16 array");
        floats = new float[shorts.length];
        stagedFloats = new float[slices.size()][];
        for (int i : used) {
            if (stagedShorts[i] != null) {
                stagedFloats[i] = new float[plane];
            }
        }
        tasks.run(used.length, (t, scratch) -> {
            int i = used[t];
            short[] src = shortsOf(i);
            float[] dst = floatsOf(i);
            int off = offsetOf(i);
            if (redecode[i]) {
                PlanarSlice s = slices.get(i);
                try (DicomFile f = DicomFile.read(s.instance().path())) {
                    SampleBuffer b = scratch.forBits(bitsAllocated[i]);
                    DicomImage.of(f).decodeFrame(s.frame(), b);
                    s.lut().apply(b, unsigned[i], plane, dst, off);
                }
            } else if (converted[i]) {
                for (int j = off, end = off + plane; j < end; j++) {
                    dst[j] = src[j];
                }
            } else {
                slices.get(i).lut().apply(SampleBuffer.of(src, off), unsigned[i], plane, dst, off);
            }
        });
        shorts = null;
        stagedShorts = null;
        int16 = false;
    }

    /** Slots between stored slices: linear interpolation along the stack, or a copy of the nearer slice. */
    private void fillSlots(SliceTasks tasks) throws IOException {
        if (!stack.isResampled()) {
            return;
        }
        boolean linear = options.gapFill() == GapFill.LINEAR;
        tasks.run(nz, (k, scratch) -> {
            double w = stack.upperWeight(k);
            if (w == 0) {
                return;
            }
            int a = stack.lowerSlice(k);
            int b = stack.upperSlice(k);
            int to = k * plane;
            if (!linear) {
                int src = w < 0.5 ? a : b;
                if (int16) {
                    System.arraycopy(shortsOf(src), offsetOf(src), shorts, to, plane);
                } else {
                    System.arraycopy(floatsOf(src), offsetOf(src), floats, to, plane);
                }
                return;
            }
            float[] fa = floatsOf(a);
            float[] fb = floatsOf(b);
            int oa = offsetOf(a);
            int ob = offsetOf(b);
            float wf = (float) w;
            for (int j = 0; j < plane; j++) {
                float va = fa[oa + j];
                floats[to + j] = va + wf * (fb[ob + j] - va);
            }
        });
    }
}
