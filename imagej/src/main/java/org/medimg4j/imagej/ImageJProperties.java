package org.medimg4j.imagej;

import ij.ImagePlus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.geometry.GeometryException;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.VolumeMetadata;

/**
 * The keys under which an {@link ImagePlus} made by this module keeps what ImageJ's {@code Calibration} cannot
 * hold: the full geometry (direction cosines, exact spacing and origin, shear), the intensity unit and the
 * provenance. They are written twice, with the same text: as ImageJ image properties ({@code ImagePlus.setProp},
 * which ImageJ's TIFF writer saves and its reader restores) and as {@code key=value} lines of the "Info" property
 * (what Image › Show Info displays, and what tools that drop image properties tend to keep). On reading, the image
 * properties win; the Info lines are used only when an image has no {@code medimg4j.*} property at all.
 *
 * <table>
 *   <caption>Keys (values are single-line text; numbers are Java {@code Double.toString}, exact on read)</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #VERSION}</td><td>{@code 1}, the version of this key set</td></tr>
 *   <tr><td>{@value #CONTENT}</td><td>{@code volume} or {@code labels}</td></tr>
 *   <tr><td>{@value #SIZE}</td><td>{@code nx ny nz}, voxels</td></tr>
 *   <tr><td>{@value #SPACING}</td><td>{@code sx sy sz}, mm along i, j, k</td></tr>
 *   <tr><td>{@value #ORIGIN}</td><td>{@code x y z}, the centre of voxel (0, 0, 0), LPS mm</td></tr>
 *   <tr><td>{@value #DIRECTION}</td><td>9 numbers, row-major 3×3 whose columns are the i, j, k axes in LPS</td></tr>
 *   <tr><td>{@value #ORTHONORMAL}</td><td>{@code true}, or {@code false} for a sheared (gantry-tilted) grid</td></tr>
 *   <tr><td>{@value #UNIT}</td><td>an {@link IntensityUnit} name ({@code HU}, {@code ARBITRARY}, …); volumes only</td></tr>
 *   <tr><td>{@value #MODALITY}</td><td>the DICOM modality, e.g. {@code CT}; absent when unknown</td></tr>
 *   <tr><td>{@value #SERIES_UID}</td><td>the source Series Instance UID; absent when none</td></tr>
 *   <tr><td>{@value #ATTRIBUTE_PREFIX}{@code name}</td><td>one per {@link VolumeMetadata#attributes()} entry</td></tr>
 * </table>
 *
 * <p>Keys and values escape a backslash as {@code \\}, a line feed as {@code \n}, a carriage return as {@code \r}
 * and {@code =} as {@code \=}, so that every entry stays one {@code key=value} line of the Info text.
 */
public final class ImageJProperties {

    /** Every key starts with this. */
    public static final String PREFIX = "medimg4j.";
    /** The version of this key set, {@code 1}. */
    public static final String VERSION = "medimg4j.version";
    /** {@code volume} or {@code labels}. */
    public static final String CONTENT = "medimg4j.content";
    /** Grid size {@code nx ny nz}, voxels. */
    public static final String SIZE = "medimg4j.geometry.size";
    /** Spacing {@code sx sy sz}, mm. */
    public static final String SPACING = "medimg4j.geometry.spacing";
    /** Centre of the first voxel {@code x y z}, LPS mm. */
    public static final String ORIGIN = "medimg4j.geometry.origin";
    /** Direction cosines, 9 numbers, row-major, columns the i, j, k axes. */
    public static final String DIRECTION = "medimg4j.geometry.direction";
    /** {@code true} or {@code false} (a sheared, gantry-tilted grid). */
    public static final String ORTHONORMAL = "medimg4j.geometry.orthonormal";
    /** The {@link IntensityUnit} name of a volume. */
    public static final String UNIT = "medimg4j.unit";
    /** The modality ((0008,0060) term). */
    public static final String MODALITY = "medimg4j.modality";
    /** The Series Instance UID. */
    public static final String SERIES_UID = "medimg4j.seriesInstanceUID";
    /** Prefix of the metadata attributes: {@code medimg4j.attribute.<name>}. */
    public static final String ATTRIBUTE_PREFIX = "medimg4j.attribute.";

    /** The value of {@link #CONTENT} for a {@code Volume}. */
    public static final String CONTENT_VOLUME = "volume";
    /** The value of {@link #CONTENT} for a {@code LabelVolume}. */
    public static final String CONTENT_LABELS = "labels";

    static final String CURRENT_VERSION = "1";

    private ImageJProperties() {
    }

    /**
     * What an image's {@code medimg4j.*} properties say.
     *
     * @param content  {@link #CONTENT_VOLUME}, {@link #CONTENT_LABELS} or "" when absent
     * @param geometry the stored geometry
     * @param unit     the stored unit, null when absent
     * @param metadata modality, series UID and attributes ("" and empty when absent)
     */
    record Stored(String content, Geometry geometry, IntensityUnit unit, VolumeMetadata metadata) {
    }

    /** Writes the keys onto {@code imp} as image properties and as the Info text. */
    static void store(ImagePlus imp, String content, Geometry g, IntensityUnit unit, VolumeMetadata metadata) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(VERSION, CURRENT_VERSION);
        entries.put(CONTENT, content);
        entries.put(SIZE, g.nx() + " " + g.ny() + " " + g.nz());
        entries.put(SPACING, join(g.spacing()));
        entries.put(ORIGIN, join(g.origin().toArray()));
        entries.put(DIRECTION, join(g.direction()));
        entries.put(ORTHONORMAL, Boolean.toString(g.isOrthonormal()));
        if (unit != null) {
            entries.put(UNIT, unit.name());
        }
        // ImageJ drops a property whose value is empty, so "unknown" is written as no key at all
        if (!metadata.modality().isEmpty()) {
            entries.put(MODALITY, metadata.modality());
        }
        if (!metadata.seriesInstanceUid().isEmpty()) {
            entries.put(SERIES_UID, metadata.seriesInstanceUid());
        }
        metadata.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getValue().isEmpty())
                .forEach(e -> entries.put(ATTRIBUTE_PREFIX + e.getKey(), e.getValue()));
        StringBuilder info = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = escape(e.getKey());
            String value = escape(e.getValue());
            imp.setProp(key, value);
            info.append(key).append('=').append(value).append('\n');
        }
        imp.setProperty("Info", info.toString());
    }

    /**
     * @param imp    the image
     * @param source names the image or file in error messages
     * @return what its {@code medimg4j.*} properties (else its Info lines) say, or null when it has none
     * @throws ImageJInteropException naming the key, if a key is missing, malformed or of an unknown version
     */
    static Stored load(ImagePlus imp, String source) throws ImageJInteropException {
        Map<String, String> entries = fromProperties(imp);
        if (entries.isEmpty()) {
            entries = fromInfo(imp.getInfoProperty());
        }
        if (entries.isEmpty()) {
            return null;
        }
        String version = entries.getOrDefault(VERSION, CURRENT_VERSION);
        if (!version.equals(CURRENT_VERSION)) {
            throw new ImageJInteropException(source, VERSION + " is \"" + version + "\"; this reader knows version "
                    + CURRENT_VERSION);
        }
        int[] size = integers(entries, SIZE, 3, source);
        double[] spacing = numbers(entries, SPACING, 3, source);
        double[] origin = numbers(entries, ORIGIN, 3, source);
        double[] direction = numbers(entries, DIRECTION, 9, source);
        String orthonormal = entries.getOrDefault(ORTHONORMAL, "true");
        if (!orthonormal.equals("true") && !orthonormal.equals("false")) {
            throw new ImageJInteropException(source, ORTHONORMAL + " must be true or false, got \"" + orthonormal + "\"");
        }
        Geometry geometry;
        try {
            geometry = Geometry.builder().size(size[0], size[1], size[2]).spacing(spacing[0], spacing[1], spacing[2])
                    .origin(origin[0], origin[1], origin[2]).direction(direction)
                    .allowShear(orthonormal.equals("false")).build();
        } catch (GeometryException e) {
            throw new ImageJInteropException(source, "the stored geometry (" + SIZE + ", " + SPACING + ", " + ORIGIN
                    + ", " + DIRECTION + ") is invalid: " + e.getMessage(), e);
        }
        IntensityUnit unit = null;
        String unitName = entries.get(UNIT);
        if (unitName != null) {
            try {
                unit = IntensityUnit.valueOf(unitName);
            } catch (IllegalArgumentException e) {
                throw new ImageJInteropException(source, UNIT + " \"" + unitName + "\" is not an IntensityUnit", e);
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey().startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(e.getKey().substring(ATTRIBUTE_PREFIX.length()), e.getValue());
            }
        }
        VolumeMetadata metadata = new VolumeMetadata(entries.getOrDefault(MODALITY, ""),
                entries.getOrDefault(SERIES_UID, ""), attributes);
        return new Stored(entries.getOrDefault(CONTENT, ""), geometry, unit, metadata);
    }

    private static Map<String, String> fromProperties(ImagePlus imp) {
        Map<String, String> out = new LinkedHashMap<>();
        Properties props = imp.getImageProperties();
        if (props == null) {
            return out;
        }
        for (String name : props.stringPropertyNames()) {
            String key = unescape(name);
            if (key.startsWith(PREFIX)) {
                out.put(key, unescape(props.getProperty(name)));
            }
        }
        return out;
    }

    private static Map<String, String> fromInfo(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        if (info == null) {
            return out;
        }
        for (String raw : info.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            int eq = unescapedEquals(line);
            if (eq > 0) {
                out.put(unescape(line.substring(0, eq).trim()), unescape(line.substring(eq + 1).trim()));
            }
        }
        return out;
    }

    /** @return the index of the first '=' not escaped by a backslash, or -1 */
    private static int unescapedEquals(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '=' -> b.append("\\=");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (b.length() > 0) {
                b.append(' ');
            }
            // Double.toString is the shortest text that parses back to the same double (−0.0 included, which
            // Geometry.equals tells apart): an exact round trip
            b.append(v);
        }
        return b.toString();
    }

    private static String[] fields(Map<String, String> entries, String key, int count, String source)
            throws ImageJInteropException {
        String value = entries.get(key);
        if (value == null) {
            throw new ImageJInteropException(source, "has medimg4j properties but no " + key);
        }
        String[] parts = value.trim().split("\\s+");
        if (parts.length != count) {
            throw new ImageJInteropException(source, key + " must hold " + count + " numbers, got \"" + value + "\"");
        }
        return parts;
    }

    private static double[] numbers(Map<String, String> entries, String key, int count, String source)
            throws ImageJInteropException {
        String[] parts = fields(entries, key, count, source);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new ImageJInteropException(source, key + " value " + (i + 1) + " \"" + parts[i]
                        + "\" is not a number", e);
            }
        }
        return out;
    }

    private static int[] integers(Map<String, String> entries, String key, int count, String source)
            throws ImageJInteropException {
        String[] parts = fields(entries, key, count, source);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new ImageJInteropException(source, key + " value " + (i + 1) + " \"" + parts[i]
                        + "\" is not an integer", e);
            }
        }
        return out;
    }
}
