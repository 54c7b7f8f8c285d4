package org.medimg4j.core.transform.intensity;

import org.medimg4j.core.transform.AppliedTransform;
import org.medimg4j.core.transform.Sample;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;

/**
 * A display window (window centre / level and width), as a radiologist sets it on a CT viewer: every voxel is
 * clamped to {@code [center − width/2, center + width/2]}. By default the values keep their unit (a CT stays in
 * HU); {@link #scaledToUnit()} further maps the window linearly onto [0, 1] (then the unit becomes
 * {@link IntensityUnit#NORMALIZED}), which is how CT is usually fed to a network.
 *
 * <p>Centre and width are in the image's units: HU for CT, which is what the presets assume. The label is left
 * untouched; every channel is windowed alike; INT16 and UINT8 input gives FLOAT32 output. NaN voxels stay NaN.
 * One pass over the voxels, parallel over slices. Immutable and thread-safe.
 *
 * <p>Presets (centre/width, HU) come from {@link WindowPreset}, where their sources are cited: lung −600/1500,
 * mediastinum 50/350, soft tissue and abdomen 40/400, liver 60/150, bone 400/1800, brain 40/80, stroke 40/40.
 * {@link #preset(String)} finds one by name.
 */
public final class WindowLevel implements Transform {

    private final double centerHu;
    private final double widthHu;
    private final boolean scaledToUnit;

    private WindowLevel(double centerHu, double widthHu, boolean scaledToUnit) {
        this.centerHu = centerHu;
        this.widthHu = widthHu;
        this.scaledToUnit = scaledToUnit;
    }

    /**
     * @param centerHu window centre (level), HU (or the image's units), finite
     * @param widthHu  window width, HU (or the image's units), finite and &gt; 0
     * @return a window that clamps to {@code [centerHu − widthHu/2, centerHu + widthHu/2]}, keeping units
     * @throws IllegalArgumentException naming "width" or "center" if either is out of range
     */
    public static WindowLevel of(double centerHu, double widthHu) {
        if (!Double.isFinite(centerHu)) {
            throw new IllegalArgumentException("WindowLevel: center must be finite (HU), got " + centerHu);
        }
        if (!(widthHu > 0) || !Double.isFinite(widthHu)) {
            throw new IllegalArgumentException("WindowLevel: width must be finite and > 0 (HU), got " + widthHu);
        }
        return new WindowLevel(centerHu, widthHu, false);
    }

    /** @return the lung window: centre −600 HU, width 1500 HU ([−1350, 150] HU) */
    public static WindowLevel lung() {
        return WindowPreset.LUNG.windowLevel();
    }

    /** @return the mediastinum window: centre 50 HU, width 350 HU ([−125, 225] HU) */
    public static WindowLevel mediastinum() {
        return WindowPreset.MEDIASTINUM.windowLevel();
    }

    /** @return the soft-tissue (abdomen) window: centre 40 HU, width 400 HU ([−160, 240] HU) */
    public static WindowLevel softTissue() {
        return WindowPreset.SOFT_TISSUE.windowLevel();
    }

    /** @return the abdomen window, the same as {@link #softTissue()}: centre 40 HU, width 400 HU ([−160, 240] HU) */
    public static WindowLevel abdomen() {
        return WindowPreset.ABDOMEN.windowLevel();
    }

    /** @return the liver window: centre 60 HU, width 150 HU ([−15, 135] HU) */
    public static WindowLevel liver() {
        return WindowPreset.LIVER.windowLevel();
    }

    /** @return the bone window: centre 400 HU, width 1800 HU ([−500, 1300] HU) */
    public static WindowLevel bone() {
        return WindowPreset.BONE.windowLevel();
    }

    /** @return the brain window: centre 40 HU, width 80 HU ([0, 80] HU) */
    public static WindowLevel brain() {
        return WindowPreset.BRAIN.windowLevel();
    }

    /**
     * @return the stroke window: centre 40 HU, width 40 HU ([20, 60] HU); for the narrower 32/8 setting use
     *         {@code of(32, 8)} (see {@link WindowPreset#STROKE})
     */
    public static WindowLevel stroke() {
        return WindowPreset.STROKE.windowLevel();
    }

    /**
     * A preset by name: lung, mediastinum, soft-tissue, abdomen, liver, bone, brain, stroke (case ignored; '_' or
     * ' ' may stand for '-').
     *
     * @param name the preset's name
     * @return its window, keeping units (call {@link #scaledToUnit()} for [0, 1])
     * @throws IllegalArgumentException naming "name" and listing the valid names when there is no such preset
     */
    public static WindowLevel preset(String name) {
        return WindowPreset.byName(name).windowLevel();
    }

    /** @return the names {@link #preset(String)} accepts, in a fixed order */
    public static java.util.List<String> presetNames() {
        return WindowPreset.names();
    }

    /** @return this window, additionally mapping its range linearly onto [0, 1] (unit NORMALIZED) */
    public WindowLevel scaledToUnit() {
        return new WindowLevel(centerHu, widthHu, true);
    }

    /** @return the window centre, HU (image units) */
    public double centerHu() {
        return centerHu;
    }

    /** @return the window width, HU (image units) */
    public double widthHu() {
        return widthHu;
    }

    /** @return the lowest value kept, centre − width/2, HU (image units) */
    public double lowerHu() {
        return centerHu - widthHu / 2;
    }

    /** @return the highest value kept, centre + width/2, HU (image units) */
    public double upperHu() {
        return centerHu + widthHu / 2;
    }

    /** @return whether the window is mapped onto [0, 1] */
    public boolean isScaledToUnit() {
        return scaledToUnit;
    }

    @Override
    public Sample apply(Sample sample) {
        Volume image = sample.image();
        float lo = (float) lowerHu();
        float hi = (float) upperHu();
        float[] out;
        if (scaledToUnit) {
            float invWidth = (float) (1.0 / widthHu);
            // Scale first, then clamp to [0, 1]: the clamp also absorbs the rounding of (hi − lo)·(1/width).
            out = SliceSweep.map("WindowLevel", image, (v, from, to) -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.min(Math.max((v[i] - lo) * invWidth, 0f), 1f);
                }
            });
        } else {
            out = SliceSweep.map("WindowLevel", image, (v, from, to) -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.min(Math.max(v[i], lo), hi);
                }
            });
        }
        Volume result = image.derive(image.geometry(), out);
        if (scaledToUnit) {
            result = result.withUnit(IntensityUnit.NORMALIZED);
        }
        String u = " " + image.unit();
        String params = "center=" + centerHu + u + ", width=" + widthHu + u + ", range=[" + lowerHu() + ", "
                + upperHu() + "]" + u + (scaledToUnit ? ", scaled to [0, 1]" : "");
        return sample.nextImage(result, AppliedTransform.intensity("WindowLevel", params, image.geometry()));
    }

    @Override
    public String toString() {
        return "WindowLevel[center=" + centerHu + ", width=" + widthHu + (scaledToUnit ? ", scaledToUnit" : "") + "]";
    }
}
