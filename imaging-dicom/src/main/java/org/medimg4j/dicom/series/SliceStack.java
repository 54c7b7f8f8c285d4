package org.medimg4j.dicom.series;

import java.util.List;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;

/**
 * A stack candidate after stacking, before any pixel is read: its slices in position order (duplicates dropped),
 * the volume's {@link Geometry} (LPS mm) and the warnings found. Immutable.
 *
 * <p>The geometry has one <em>slot</em> per k index. Usually slot k is stored slice k. When a lenient load puts a
 * gapped or unevenly spaced stack on a uniform grid, a slot lies between two stored slices: {@link #lowerSlice},
 * {@link #upperSlice} and {@link #upperWeight} say which and how much of each (by distance along the stack); the
 * {@link GapFill} of the load decides how it is filled.
 */
public final class SliceStack {

    private final StackCandidate candidate;
    private final List<PlanarSlice> slices;
    private final Geometry geometry;
    private final int[] lower;
    private final int[] upper;
    private final double[] weight;
    private final int[] slotOfSlice;
    private final List<StackWarning> warnings;

    SliceStack(StackCandidate candidate, List<PlanarSlice> slices, Geometry geometry, int[] lower, int[] upper,
               double[] weight, List<StackWarning> warnings) {
        this.candidate = Objects.requireNonNull(candidate, "candidate");
        this.slices = List.copyOf(slices);
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.weight = weight.clone();
        this.warnings = List.copyOf(warnings);
        if (lower.length != geometry.nz() || upper.length != lower.length || weight.length != lower.length) {
            throw new IllegalArgumentException("slot arrays must have nz = " + geometry.nz() + " entries, got "
                    + lower.length + ", " + upper.length + ", " + weight.length);
        }
        this.slotOfSlice = new int[this.slices.size()];
        java.util.Arrays.fill(slotOfSlice, -1);
        for (int k = 0; k < lower.length; k++) {
            if (weight[k] == 0) {
                slotOfSlice[lower[k]] = k;
            }
        }
    }

    /** @return the candidate this stack was made from */
    public StackCandidate candidate() {
        return candidate;
    }

    /** @return the stored slices kept, in order of their position along the stack */
    public List<PlanarSlice> slices() {
        return slices;
    }

    /** @return the volume's grid: size (columns, rows, slots), spacing (x, y, z) mm, origin and direction (LPS) */
    public Geometry geometry() {
        return geometry;
    }

    /** @return the number of slots (k indices) of the volume */
    public int slotCount() {
        return lower.length;
    }

    /** @param slot a k index @return the stored slice at or below it (index into {@link #slices()}) */
    public int lowerSlice(int slot) {
        return lower[slot];
    }

    /** @param slot a k index @return the stored slice above it; equal to {@link #lowerSlice} for a stored slot */
    public int upperSlice(int slot) {
        return upper[slot];
    }

    /** @param slot a k index @return the weight of {@link #upperSlice} in [0, 1); 0 for a stored slot */
    public double upperWeight(int slot) {
        return weight[slot];
    }

    /** @param slice an index into {@link #slices()} @return the slot it is copied into exactly, or -1 */
    public int slotOf(int slice) {
        return slotOfSlice[slice];
    }

    /** @return whether some slot lies between stored slices (a gap was filled or spacing was made uniform) */
    public boolean isResampled() {
        for (double w : weight) {
            if (w != 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of files in the candidate (a multi-frame file counts once) */
    public int files() {
        return candidate.instances().size();
    }

    /** @return what stacking found, in the order found */
    public List<StackWarning> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "SliceStack[" + candidate.describe() + ", " + slices.size() + " slices, " + geometry + ", "
                + warnings.size() + " warning(s)]";
    }
}
