package org.medimg4j.models.data;

import java.util.Arrays;
import java.util.Objects;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.phantom.Demographics;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.LabelVolume;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VolumeMetadata;

/**
 * A case after preprocessing, as the samplers read it: the image as FLOAT32 voxels in C order (c, z, y, x), the
 * labels as bytes in C order (z, y, x), and the flat indices (z·ny + y)·nx + x of every foreground voxel
 * (label ≠ 0), ascending, so that a patch can be centred on a random lesion voxel without scanning the volume.
 * Made once per case by {@link CaseCache}; the arrays are shared and must not be changed.
 */
public final class PreparedCase {

    private final CaseInfo info;
    private final Geometry geometry;
    private final int channels;
    private final IntensityUnit unit;
    private final VolumeMetadata metadata;
    private final float[] image;
    private final byte[] labels;
    private final int[] foreground;
    private final Demographics demographics;

    private PreparedCase(CaseInfo info, Volume image, LabelVolume label, Demographics demographics) {
        this.info = info;
        this.geometry = image.geometry();
        this.channels = image.channels();
        this.unit = image.unit();
        this.metadata = image.metadata();
        this.image = image.toFloatArray();
        this.demographics = demographics;
        if (label == null) {
            this.labels = null;
            this.foreground = new int[0];
        } else {
            this.labels = label.toByteArray();
            int n = 0;
            for (byte b : labels) {
                if (b != 0) {
                    n++;
                }
            }
            int[] fg = new int[n];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] != 0) {
                    fg[k++] = i;
                }
            }
            this.foreground = fg;
        }
    }

    /** @return {@code c} (already preprocessed) in the samplers' form */
    public static PreparedCase of(ImagingCase c) {
        Objects.requireNonNull(c, "case");
        return new PreparedCase(c.info(), c.image(), c.label(), c.demographics());
    }

    /** @return id, patient, class */
    public CaseInfo info() {
        return info;
    }

    /** @return the image grid (LPS mm) */
    public Geometry geometry() {
        return geometry;
    }

    /** @return image channels */
    public int channels() {
        return channels;
    }

    /** @return the image's intensity unit after preprocessing */
    public IntensityUnit unit() {
        return unit;
    }

    /** @return the image's metadata */
    public VolumeMetadata metadata() {
        return metadata;
    }

    /** @return the shared voxel array, C order (c, z, y, x); do not change it */
    float[] imageArray() {
        return image;
    }

    /** @return the shared label array, C order (z, y, x), or null; do not change it */
    byte[] labelArray() {
        return labels;
    }

    /** @return the shared ascending flat indices of foreground voxels; do not change it */
    int[] foregroundArray() {
        return foreground;
    }

    /** @return whether the case has a label */
    public boolean hasLabel() {
        return labels != null;
    }

    /** @return the number of foreground (label ≠ 0) voxels */
    public int foregroundVoxels() {
        return foreground.length;
    }

    /** @return the demographics, or null when unknown */
    public Demographics demographics() {
        return demographics;
    }

    /** @return a FLOAT32 volume sharing this case's voxels (read-only by contract) */
    public Volume image() {
        return Volume.builder(geometry).channels(channels).unit(unit).metadata(metadata).floats(image).build();
    }

    /** @return the labels as a volume (a copy), or null */
    public LabelVolume label() {
        return labels == null ? null : LabelVolume.of(geometry, Arrays.copyOf(labels, labels.length));
    }

    /** @return the heap bytes this case holds: voxels, labels and foreground indices (what the cache budgets) */
    public long bytes() {
        return 4L * image.length + (labels == null ? 0 : labels.length) + 4L * foreground.length;
    }

    @Override
    public String toString() {
        return "PreparedCase[" + info + ", " + geometry + ", " + foreground.length + " foreground voxels]";
    }
}
