package org.medimg4j.core.transform.intensity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Named CT display windows (centre / width in Hounsfield units), the one table of preset numbers in the project.
 * {@link WindowLevel#preset(String)} and the {@code WindowLevel.lung()}… factories read it.
 *
 * <p>There is no normative source for these numbers: they are radiology practice, and sites and viewers differ.
 * The values chosen, and where they come from:
 * <ul>
 *   <li>{@link #LUNG} −600 / 1500, {@link #MEDIASTINUM} 50 / 350, {@link #BONE} 400 / 1800, {@link #BRAIN} 40 / 80:
 *       Radiopaedia, "Windowing (CT)" (Bell, Murphy et al.), whose table lists exactly these; lung and brain are also
 *       the default CT presets of the OHIF viewer (W1500 L−600, W80 L40).</li>
 *   <li>{@link #SOFT_TISSUE} and {@link #ABDOMEN} 40 / 400: the soft-tissue window of OHIF's default presets
 *       (W400 L40); Radiopaedia gives W400 L50 for abdominal soft tissue. Abdomen and soft tissue are one window
 *       here, as the project's soft-tissue preset has always been described as the abdomen window.</li>
 *   <li>{@link #LIVER} 60 / 150: the width 150 HU is what Radiopaedia (W150 L30) and OHIF (W150 L90) agree on; their
 *       centres differ, and 60 HU (between them) sits on unenhanced liver parenchyma (about 55–65 HU) with portal
 *       venous enhancement still inside the window ([−15, 135] HU).</li>
 *   <li>{@link #STROKE} 40 / 40: Radiopaedia lists W40 L40 and the narrower W8 L32 for early ischaemic stroke
 *       (Radiopaedia case 19148: the 32/8 setting raised sensitivity from 57 % to 71 %); 40/40 is chosen because
 *       an 8 HU window saturates almost every voxel, which suits a reader's eye better than a network's input.
 *       Use {@code WindowLevel.of(32, 8)} for the narrow one.</li>
 * </ul>
 */
public enum WindowPreset {
    /** Lung parenchyma: centre −600 HU, width 1500 HU ([−1350, 150] HU). */
    LUNG("lung", -600, 1500),
    /** Mediastinum: centre 50 HU, width 350 HU ([−125, 225] HU). */
    MEDIASTINUM("mediastinum", 50, 350),
    /** Soft tissue: centre 40 HU, width 400 HU ([−160, 240] HU); the same window as {@link #ABDOMEN}. */
    SOFT_TISSUE("soft-tissue", 40, 400),
    /** Abdomen (soft tissue): centre 40 HU, width 400 HU ([−160, 240] HU). */
    ABDOMEN("abdomen", 40, 400),
    /** Liver: centre 60 HU, width 150 HU ([−15, 135] HU). */
    LIVER("liver", 60, 150),
    /** Bone: centre 400 HU, width 1800 HU ([−500, 1300] HU). */
    BONE("bone", 400, 1800),
    /** Brain: centre 40 HU, width 80 HU ([0, 80] HU). */
    BRAIN("brain", 40, 80),
    /** Stroke (grey/white matter contrast): centre 40 HU, width 40 HU ([20, 60] HU). */
    STROKE("stroke", 40, 40);

    private final String presetName;
    private final double centerHu;
    private final double widthHu;

    WindowPreset(String presetName, double centerHu, double widthHu) {
        this.presetName = presetName;
        this.centerHu = centerHu;
        this.widthHu = widthHu;
    }

    /** @return the lower-case name {@link #byName} accepts, e.g. "soft-tissue" */
    public String presetName() {
        return presetName;
    }

    /** @return the window centre, HU */
    public double centerHu() {
        return centerHu;
    }

    /** @return the window width, HU */
    public double widthHu() {
        return widthHu;
    }

    /** @return this preset as a window that clamps to [centre − width/2, centre + width/2] HU, keeping units */
    public WindowLevel windowLevel() {
        return WindowLevel.of(centerHu, widthHu);
    }

    /** @return every preset name, in declaration order */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (WindowPreset p : values()) {
            names.add(p.presetName);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Finds a preset by name, ignoring case and treating '_' and ' ' as '-' ("LIVER", "soft_tissue" and
     * "Soft Tissue" all work).
     *
     * @param name the preset's name
     * @return the preset
     * @throws IllegalArgumentException naming the parameter "name" and listing the valid names when none matches
     */
    public static WindowPreset byName(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            for (WindowPreset p : values()) {
                if (p.presetName.equals(key)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("WindowPreset: name \"" + name + "\" is not a preset; valid names: "
                + String.join(", ", names()));
    }
}
