package org.medimg4j.models.bundle;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.medimg4j.core.transform.Transform;
import org.medimg4j.core.transform.intensity.ScaleIntensityRange;
import org.medimg4j.core.transform.intensity.WindowLevel;
import org.medimg4j.core.transform.intensity.ZScoreNormalize;
import org.medimg4j.core.transform.spatial.CropOrPad;
import org.medimg4j.core.transform.spatial.Interpolation;
import org.medimg4j.core.transform.spatial.Padding;
import org.medimg4j.core.transform.spatial.Resample;
import org.medimg4j.core.transform.spatial.Reorient;

/**
 * One deterministic preprocessing step as data — a type and named parameters — so that a bundle records what
 * inference must apply without storing code. {@link #toTransform()} rebuilds the core transform. Only the
 * deterministic transforms below are supported; augmentations have no place at inference.
 *
 * <table>
 *   <caption>Types and parameters (units as the core factories)</caption>
 *   <tr><th>type</th><th>parameters</th><th>core transform</th></tr>
 *   <tr><td>{@value #WINDOW_LEVEL}</td><td>centerHu, widthHu, scaledToUnit (default false)</td>
 *       <td>{@link WindowLevel#of}, then {@link WindowLevel#scaledToUnit()}</td></tr>
 *   <tr><td>{@value #SCALE_INTENSITY_RANGE}</td><td>aMin, aMax, bMin, bMax, clip</td>
 *       <td>{@link ScaleIntensityRange#of}</td></tr>
 *   <tr><td>{@value #Z_SCORE_NORMALIZE}</td><td>statistics (WHOLE_IMAGE, NONZERO or LABEL; default
 *       WHOLE_IMAGE), channelWise (default false), normalizeInsideMaskOnly (default false)</td>
 *       <td>{@link ZScoreNormalize#builder()}</td></tr>
 *   <tr><td>{@value #RESAMPLE_TO_SPACING}</td><td>sxMm, syMm, szMm, interpolation (LINEAR or NEAREST; default
 *       LINEAR), padding ("minimum", "edge" or a number; default "minimum")</td>
 *       <td>{@link Resample#toSpacing}</td></tr>
 *   <tr><td>{@value #REORIENT_TO}</td><td>code (e.g. "LPS")</td><td>{@link Reorient#to}</td></tr>
 *   <tr><td>{@value #CROP_OR_PAD_TO_SIZE}</td><td>nx, ny, nz, padValue (default 0), centred</td>
 *       <td>{@link CropOrPad#toSize}</td></tr>
 * </table>
 * Unknown types and unknown parameter names are rejected, so that a typo cannot silently drop a step.
 *
 * @param type       the transform type, one of the constants of this class
 * @param parameters parameter name → number, boolean or string
 */
public record PreprocessingStep(String type, Map<String, Object> parameters) {

    /** {@link WindowLevel}. */
    public static final String WINDOW_LEVEL = "WindowLevel";
    /** {@link ScaleIntensityRange}. */
    public static final String SCALE_INTENSITY_RANGE = "ScaleIntensityRange";
    /** {@link ZScoreNormalize}. */
    public static final String Z_SCORE_NORMALIZE = "ZScoreNormalize";
    /** {@link Resample#toSpacing}. */
    public static final String RESAMPLE_TO_SPACING = "Resample.toSpacing";
    /** {@link Reorient#to}. */
    public static final String REORIENT_TO = "Reorient.to";
    /** {@link CropOrPad#toSize}, centred. */
    public static final String CROP_OR_PAD_TO_SIZE = "CropOrPad.toSize";

    /** The types {@link #toTransform()} knows, in a fixed order. */
    public static final List<String> TYPES = List.of(WINDOW_LEVEL, SCALE_INTENSITY_RANGE, Z_SCORE_NORMALIZE,
            RESAMPLE_TO_SPACING, REORIENT_TO, CROP_OR_PAD_TO_SIZE);

    /** Copies the parameters, keeping their order. */
    public PreprocessingStep {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("PreprocessingStep: type must be given, one of " + TYPES);
        }
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @return {@link WindowLevel#of}(centerHu, widthHu), mapped onto [0, 1] when {@code scaledToUnit} */
    public static PreprocessingStep windowLevel(double centerHu, double widthHu, boolean scaledToUnit) {
        return of(WINDOW_LEVEL, "centerHu", centerHu, "widthHu", widthHu, "scaledToUnit", scaledToUnit);
    }

    /** @return {@link ScaleIntensityRange#of}(aMin, aMax, bMin, bMax, clip) */
    public static PreprocessingStep scaleIntensityRange(double aMin, double aMax, double bMin, double bMax,
                                                        boolean clip) {
        return of(SCALE_INTENSITY_RANGE, "aMin", aMin, "aMax", aMax, "bMin", bMin, "bMax", bMax, "clip", clip);
    }

    /**
     * @param statistics  WHOLE_IMAGE, NONZERO or LABEL (MASK needs a volume, which data cannot hold)
     * @param channelWise whether each channel gets its own statistics
     * @return z-score normalisation
     */
    public static PreprocessingStep zScoreNormalize(ZScoreNormalize.StatisticsRegion statistics, boolean channelWise) {
        return of(Z_SCORE_NORMALIZE, "statistics", statistics.name(), "channelWise", channelWise);
    }

    /** @return {@link Resample#toSpacing}(sxMm, syMm, szMm) with linear interpolation and minimum padding */
    public static PreprocessingStep resampleToSpacing(double sxMm, double syMm, double szMm) {
        return of(RESAMPLE_TO_SPACING, "sxMm", sxMm, "syMm", syMm, "szMm", szMm, "interpolation", "LINEAR",
                "padding", "minimum");
    }

    /** @return {@link Reorient#to}(code) */
    public static PreprocessingStep reorientTo(String code) {
        return of(REORIENT_TO, "code", code);
    }

    /** @return a centred {@link CropOrPad#toSize}(nx, ny, nz) padding with {@code padValue} (image units) */
    public static PreprocessingStep cropOrPadToSize(int nx, int ny, int nz, double padValue) {
        return of(CROP_OR_PAD_TO_SIZE, "nx", nx, "ny", ny, "nz", nz, "padValue", padValue);
    }

    private static PreprocessingStep of(String type, Object... nameValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new PreprocessingStep(type, m);
    }

    /**
     * @return the core transform this step describes
     * @throws UnknownTransformException if {@link #type()} is not one of {@link #TYPES}
     * @throws IllegalArgumentException  naming the type and parameter when a parameter is missing, unknown, of
     *                                   the wrong kind, or rejected by the core factory
     */
    public Transform toTransform() {
        Params p = new Params();
        Transform t = switch (type) {
            case WINDOW_LEVEL -> {
                WindowLevel w = WindowLevel.of(p.number("centerHu"), p.number("widthHu"));
                yield p.bool("scaledToUnit", false) ? w.scaledToUnit() : w;
            }
            case SCALE_INTENSITY_RANGE -> ScaleIntensityRange.of(p.number("aMin"), p.number("aMax"),
                    p.number("bMin"), p.number("bMax"), p.bool("clip", false));
            case Z_SCORE_NORMALIZE -> {
                ZScoreNormalize.Builder b = ZScoreNormalize.builder();
                String stats = p.string("statistics", "WHOLE_IMAGE").toUpperCase(Locale.ROOT);
                switch (stats) {
                    case "WHOLE_IMAGE" -> b.statisticsOverWholeImage();
                    case "NONZERO" -> b.statisticsOverNonzero();
                    case "LABEL" -> b.statisticsInsideLabel();
                    default -> throw p.bad("statistics", "WHOLE_IMAGE, NONZERO or LABEL", stats);
                }
                yield b.channelWise(p.bool("channelWise", false))
                        .normalizeInsideMaskOnly(p.bool("normalizeInsideMaskOnly", false)).build();
            }
            case RESAMPLE_TO_SPACING -> {
                Resample r = Resample.toSpacing(p.number("sxMm"), p.number("syMm"), p.number("szMm"));
                String interp = p.string("interpolation", "LINEAR").toUpperCase(Locale.ROOT);
                try {
                    r = r.withInterpolation(Interpolation.valueOf(interp));
                } catch (IllegalArgumentException e) {
                    throw p.bad("interpolation", "LINEAR or NEAREST", interp);
                }
                Object pad = parameters.getOrDefault("padding", "minimum");
                p.seen.add("padding");
                if (pad instanceof Number n) {
                    r = r.withPadding(Padding.constant(n.floatValue()));
                } else if ("minimum".equals(pad)) {
                    r = r.withPadding(Padding.minimum());
                } else if ("edge".equals(pad)) {
                    r = r.withPadding(Padding.edge());
                } else {
                    throw p.bad("padding", "\"minimum\", \"edge\" or a number", pad);
                }
                yield r;
            }
            case REORIENT_TO -> Reorient.to(p.string("code", null));
            case CROP_OR_PAD_TO_SIZE -> CropOrPad.toSize(p.integer("nx"), p.integer("ny"), p.integer("nz"))
                    .withPadValue(p.number("padValue", 0));
            default -> throw new UnknownTransformException(type);
        };
        p.rejectUnknown();
        return t;
    }

    /** The type is not one of {@link #TYPES}. */
    public static final class UnknownTransformException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownTransformException(String type) {
            super("unknown preprocessing transform type '" + type + "'; known types: " + TYPES);
        }
    }

    /** Reads parameters by name, remembering which were read so that unknown names can be rejected. */
    private final class Params {
        final Set<String> seen = new HashSet<>();

        double number(String name) {
            Object v = get(name);
            if (!(v instanceof Number n)) {
                throw bad(name, "a number", v);
            }
            return n.doubleValue();
        }

        double number(String name, double fallback) {
            return parameters.containsKey(name) ? number(name) : mark(name, fallback);
        }

        int integer(String name) {
            Object v = get(name);
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw bad(name, "an integer", v);
            }
            return n.intValue();
        }

        boolean bool(String name, boolean fallback) {
            if (!parameters.containsKey(name)) {
                seen.add(name);
                return fallback;
            }
            Object v = get(name);
            if (!(v instanceof Boolean b)) {
                throw bad(name, "true or false", v);
            }
            return b;
        }

        String string(String name, String fallback) {
            if (!parameters.containsKey(name) && fallback != null) {
                seen.add(name);
                return fallback;
            }
            Object v = get(name);
            if (!(v instanceof String s)) {
                throw bad(name, "a string", v);
            }
            return s;
        }

        private double mark(String name, double fallback) {
            seen.add(name);
            return fallback;
        }

        private Object get(String name) {
            seen.add(name);
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException(type + ": parameter '" + name + "' is missing");
            }
            return parameters.get(name);
        }

        IllegalArgumentException bad(String name, String expected, Object got) {
            return new IllegalArgumentException(type + ": parameter '" + name + "' must be " + expected + ", got "
                    + got);
        }

        void rejectUnknown() {
            for (String k : parameters.keySet()) {
                if (!seen.contains(k)) {
                    throw new IllegalArgumentException(type + ": unknown parameter '" + k + "' (known: " + seen + ")");
                }
            }
        }
    }
}
