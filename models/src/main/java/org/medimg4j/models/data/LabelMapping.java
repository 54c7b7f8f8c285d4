package org.medimg4j.models.data;

import java.util.Arrays;
import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.LabelVolume;

/**
 * A preprocessing step that renumbers a sample's labels into the classes a network predicts: the i-th label kept
 * becomes class i + 1, every other label background (0). For example a CT phantom with organ labels, trained for
 * lesions only: {@code LabelMapping.keep(CtPhantom.LABEL_LESION)}; lesion and liver as classes 1 and 2:
 * {@code keep(LABEL_LESION, LABEL_LIVER)}. The image is untouched; a sample without a label passes through.
 * Immutable and thread-safe. Put it in the {@link CaseCache}'s preprocessing so that it runs once per case.
 */
public final class LabelMapping implements Transform {

    private final int[] kept;
    private final byte[] table = new byte[256];

    private LabelMapping(int[] kept) {
        this.kept = kept;
        for (int i = 0; i < kept.length; i++) {
            table[kept[i]] = (byte) (i + 1);
        }
    }

    /**
     * @param labels the labels to keep, in class order, each 1..255 and distinct
     * @throws IllegalArgumentException naming {@code labels} if one is out of range or repeated, or none is given
     */
    public static LabelMapping keep(int... labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels: keep at least one label");
        }
        boolean[] seen = new boolean[256];
        for (int l : labels) {
            if (l < 1 || l > 255) {
                throw new IllegalArgumentException("labels: " + l + " is not a foreground label 1..255");
            }
            if (seen[l]) {
                throw new IllegalArgumentException("labels: " + l + " is given twice in " + Arrays.toString(labels));
            }
            seen[l] = true;
        }
        return new LabelMapping(labels.clone());
    }

    /** @return the number of classes after mapping, background included */
    public int classes() {
        return kept.length + 1;
    }

    @Override
    public Sample apply(Sample sample) {
        LabelVolume label = sample.labelOrNull();
        if (label == null) {
            return sample;
        }
        byte[] v = label.toByteArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = table[v[i] & 0xFF];
        }
        return sample.next(sample.image(), LabelVolume.of(label.geometry(), v).withMetadata(label.metadata()),
                AppliedTransform.intensity("LabelMapping", "kept " + Arrays.toString(kept) + " as classes 1.."
                        + kept.length, sample.image().geometry()));
    }

    @Override
    public String toString() {
        return "LabelMapping" + Arrays.toString(kept);
    }
}
