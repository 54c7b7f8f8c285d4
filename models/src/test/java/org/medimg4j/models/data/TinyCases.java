package org.medimg4j.models.data;

import java.util.ArrayList;
import java.util.List;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;

/** Small synthetic cases whose voxel values say where they came from: value = 1000·case + flat index. */
final class TinyCases {

    static final int NX = 32;
    static final int NY = 32;
    static final int NZ = 8;

    private TinyCases() {
    }

    /**
     * A case whose label is 1 in a box of {@code lesion}³ voxels at (lx, ly, lz) (none if {@code lesion} is 0),
     * patient "p" + (c / perPatient).
     */
    static ImagingCase segmentation(int c, int perPatient, int lesion, int lx, int ly, int lz) {
        Geometry g = Geometry.builder().size(NX, NY, NZ).spacing(1, 1, 2).origin(c, 0, 0).build();
        float[] v = new float[NX * NY * NZ];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1000f * c + i;
        }
        byte[] l = new byte[v.length];
        for (int z = lz; z < lz + lesion; z++) {
            for (int y = ly; y < ly + lesion; y++) {
                for (int x = lx; x < lx + lesion; x++) {
                    l[(z * NY + y) * NX + x] = 1;
                }
            }
        }
        return ImagingCase.segmentation("c" + c, "p" + (c / perPatient), Volume.ofFloats(g, v), LabelVolume.of(g, l));
    }

    /** {@code n} segmentation cases, two per patient, each with a 3-voxel lesion cube at (10, 12, 2). */
    static InMemoryDataset segmentationSet(int n) {
        List<ImagingCase> cases = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            cases.add(segmentation(c, 2, 3, 10, 12, 2));
        }
        return InMemoryDataset.of(cases);
    }

    /** {@code n} 2-D 16×16 images; class 1 for the first {@code positives}, else 0; one patient each. */
    static InMemoryDataset classificationSet(int n, int positives) {
        List<ImagingCase> cases = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            Geometry g = Geometry.of(16, 16, 1, 1, 1, 1);
            float[] v = new float[256];
            java.util.Arrays.fill(v, c);
            cases.add(ImagingCase.classification("x" + c, "q" + c, Volume.ofFloats(g, v), c < positives ? 1 : 0));
        }
        return InMemoryDataset.of(cases);
    }
}
