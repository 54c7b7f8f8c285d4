package org.medimg4j.core.phantom;

import java.util.stream.IntStream;

/**
 * How a 3-D phantom generates its image: slice by slice, in parallel over k. Each slice is rendered into its own
 * float scratch (clean tissue, then the lesions over it), blurred in-plane, passed through the scanner model with
 * the slice's own noise stream ({@link PhantomSettings#sliceNoise}) and stored. Nothing a slice computes depends on
 * another slice or on the thread that runs it, which is what keeps a seed's voxels bit-identical whatever the
 * parallelism. The two passes are called once per slice, never per voxel.
 */
final class SlicePipeline {

    /** Renders one slice's clean image and, where the phantom labels organs, its tissue labels. */
    @FunctionalInterface
    interface TissuePass {
        /**
         * @param k      the slice index
         * @param slice  out: the slice's nx·ny values, row by row, image units
         * @param labels out: the whole volume's labels, slice-major (slice k starts at k·nx·ny)
         */
        void render(int k, float[] slice, byte[] labels);
    }

    /** The scanner's effect on one blurred slice, in place: bias field, vendor gain and offset, noise, clamping. */
    @FunctionalInterface
    interface ScannerPass {
        /** @param noise slice k's own random source, to be consumed in voxel order */
        void acquire(int k, float[] slice, PhantomRandom noise);
    }

    private SlicePipeline() {
    }

    /**
     * @param lesions     the case's lesions, drawn over the clean tissue with {@code lesionLabel}
     * @return the case's image (in the settings' voxel type) and labels
     */
    static CaseVoxels render(PhantomSettings settings, GridFrame frame, long caseSeed, LesionRaster lesions,
                             byte lesionLabel, TissuePass tissue, ScannerPass scanner) {
        int plane = frame.nx * frame.ny;
        CaseVoxels out = new CaseVoxels(frame, settings.voxelType());
        IntStream.range(0, frame.nz).parallel().forEach(k -> {
            float[] slice = new float[plane];
            tissue.render(k, slice, out.labels);
            lesions.draw(k, slice, out.labels, lesionLabel);
            if (settings.smoothEdges()) {
                Acquisition.smoothInPlane(slice, new float[plane], frame.nx, frame.ny);
            }
            scanner.acquire(k, slice, PhantomSettings.sliceNoise(caseSeed, k));
            out.store(slice, plane, k * plane);
        });
        return out;
    }
}
