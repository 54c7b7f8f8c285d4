package org.medimg4j.core.transform.spatial;

import java.util.Locale;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.transform.TransformException;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/**
 * The one guard every transform of this package passes before it allocates the voxels of an output grid. A grid
 * whose size comes from a parameter (a spacing of 0.001 mm, a size of 100000 voxels, a reference geometry) can ask
 * for more than a Java array holds, and {@code (int) voxelCount()} then wraps round silently, or the allocation
 * throws {@link NegativeArraySizeException} or {@link OutOfMemoryError} deep inside a loop. Here it becomes a
 * {@link TransformException} naming the transform, the parameter, the grid and the limit, before anything is
 * allocated.
 *
 * <h2>The two limits</h2>
 * <ul>
 *   <li>Elements: channels · nx · ny · nz must be at most {@link #MAX_ELEMENTS} ({@code Integer.MAX_VALUE − 8}):
 *       a Java array holds fewer than 2³¹ elements, some VMs reserve a few header words of that, and
 *       {@code Volume.Builder} accepts no more. The product is formed in {@code double}, since nx·ny·nz of three
 *       large ints overflows even a {@code long}.</li>
 *   <li>Heap: the output's bytes plus the bytes that must stay on the heap with it (the input, when it is a heap
 *       buffer, and any working copy the transform makes) must not exceed {@link Runtime#maxMemory()}. Such a
 *       request cannot succeed however much garbage is collected, so refusing it is never wrong. The free heap
 *       (max − used) is deliberately not the test: "used" counts garbage that the next collection would reclaim,
 *       so it would refuse requests that would in fact succeed.</li>
 * </ul>
 */
final class OutputGrid {

    /** The most elements one output array may have over all channels: {@code Integer.MAX_VALUE − 8}. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final double MIB = 1024.0 * 1024.0;

    private OutputGrid() {
    }

    /**
     * @param what         the transform and the parameter that decided the grid, e.g.
     *                     {@code "Resize.to: size (nx, ny, nz) = (9, 9, 9)"}; the message starts with it
     * @param target       the output grid
     * @param channels     output channels (1 for a label)
     * @param elementBytes bytes per output element: 4 for FLOAT32, 2 for INT16, 1 for UINT8 and labels
     * @param otherBytes   bytes that are on the heap together with the output: the input (see {@link #heapBytes})
     *                     and the transform's working copies
     * @return channels · nx · ny · nz, the output array's length
     * @throws TransformException starting with {@code what} if the output exceeds {@link #MAX_ELEMENTS} or the heap
     */
    static int elements(String what, Geometry target, int channels, int elementBytes, long otherBytes) {
        return elements(what, target, channels, elementBytes, otherBytes, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #elements(String, Geometry, int, int, long)}, against a given maximum heap (bytes). */
    static int elements(String what, Geometry target, int channels, int elementBytes, long otherBytes,
                        long maxHeapBytes) {
        double count = (double) channels * target.nx() * target.ny() * target.nz();
        if (count > MAX_ELEMENTS) {
            throw new TransformException(what + " gives an output grid of " + describe(target, channels) + " = "
                    + String.format(Locale.ROOT, "%.4g", count) + " elements, more than one Java array holds (at most "
                    + MAX_ELEMENTS + " = Integer.MAX_VALUE - 8, the limit Volume.Builder enforces)");
        }
        long elements = (long) count; // exact: below 2^31, well within a double's 53 bits
        // a long cannot overflow here: 2^31 elements of at most 8 bytes plus the heap-resident inputs
        long needed = elements * elementBytes + otherBytes;
        if (needed > maxHeapBytes) {
            throw new TransformException(what + " gives an output grid of " + describe(target, channels)
                    + String.format(Locale.ROOT, " that needs about %.0f MiB of heap (%.0f MiB output + %.0f MiB input"
                            + " and working copies), more than the JVM's maximum heap of %.0f MiB (-Xmx)",
                    needed / MIB, elements * elementBytes / MIB, otherBytes / MIB, maxHeapBytes / MIB));
        }
        return (int) elements;
    }

    /** @return the bytes {@code v}'s voxels take on the Java heap: 0 when they live in a direct buffer */
    static long heapBytes(Volume v) {
        return v.isDirect() ? 0 : (long) v.channels() * v.voxelsPerChannel() * v.voxelType().bytes();
    }

    /** @return the bytes {@code label}'s voxels take on the Java heap: 0 when they live in a direct buffer */
    static long heapBytes(LabelVolume label) {
        return label.labels().isDirect() ? 0 : label.geometry().voxelCount();
    }

    /** @return e.g. "512x512x300 voxels x 2 channel(s)" */
    private static String describe(Geometry g, int channels) {
        return g.nx() + "x" + g.ny() + "x" + g.nz() + " voxels x " + channels + " channel(s)";
    }
}
