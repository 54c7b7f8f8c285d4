package org.medimg4j.dicom.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.medimg4j.dicom.dictionary.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits scanned instances into {@link StackCandidate}s, each a set of images that may form one volume. Decides
 * from headers alone; sorting, spacing and the checks for gaps, duplicates and tilt are the stacker's. Immutable and
 * thread-safe.
 *
 * <p>Instances are grouped by Study and Series Instance UID, then a series is split where stacking its images
 * would be wrong, in this order (each rule applied within the parts the previous ones made):
 * <ol>
 *   <li>Each <b>multi-frame</b> instance (Number of Frames &gt; 1, or functional groups as in Enhanced CT/MR,
 *       PS3.3 C.7.6.16) is a candidate of its own, labelled "multi-frame k": its frames are its slices.</li>
 *   <li>Each <b>projection image</b> is a candidate of its own, labelled "image k": modality CR, DX, MG, IO, PX,
 *       RG, RF or XA, or any image without a valid Image Position (0020,0032) and Image Orientation (Patient)
 *       (0020,0037), which therefore has no place in a stack.</li>
 *   <li><b>Localizers</b> (Image Type (0008,0008) value 3 LOCALIZER, PS3.3 C.8.2.1.1.1) go apart, labelled
 *       "localizer", and are split further by the rules below (an AP and a lateral scout are two candidates).</li>
 *   <li><b>Image orientation</b>: images whose six direction cosines differ by more than
 *       {@link Builder#orientationTolerance(double)} go apart. The orientation shared by most images keeps the
 *       part's label; the others are "orientation 2", "orientation 3"... (scouts and tri-plane localizers that are
 *       not typed LOCALIZER).</li>
 *   <li><b>Rows and columns</b>: parts labelled "COLUMNS x ROWS images", e.g. "512 x 512 images".</li>
 *   <li><b>Diffusion encoding</b>, only when images of different Diffusion b-value (0018,9087) or Diffusion Gradient
 *       Orientation (0018,9089) share an image position (top level or MR Diffusion Sequence (0018,9117); no private
 *       tags): "b=0", "b=1000", or "b=1000, direction k" when a b-value has several directions (diffusion-weighted
 *       MR). Applied before echo, temporal position and acquisition so that, where an encoding also changes one of
 *       those (one Acquisition Number per encoding, say), the labels still name the encoding.</li>
 *   <li><b>Echo Numbers</b> (0018,0086): "echo N" (multi-echo MR).</li>
 *   <li><b>Temporal Position Identifier</b> (0020,0100): "temporal position N" (dynamic series).</li>
 *   <li><b>Acquisition Number</b> (0020,0012), only when two acquisitions share an image position: "acquisition
 *       N". A helical CT reconstructed as consecutive acquisitions with disjoint positions stays one stack.</li>
 *   <li><b>Cardiac phase</b>, only when positions still repeat and Trigger Time (0018,1060) differs between the
 *       images at one position: the images at each position are ranked by Trigger Time and each rank is a part,
 *       "phase k" (ranks rather than equal times, because the trigger time of a phase varies from slice to
 *       slice).</li>
 * </ol>
 * What remains is one candidate even if it repeats a position (the stacker reports the duplicate). The labels of
 * successive splits are joined by ", ", e.g. "localizer, orientation 2"; a series that yields one candidate has
 * label "". Each split is logged at DEBUG.
 *
 * <p>Candidates come sorted by Study Instance UID, Series Number (absent last), Series Instance UID, then label
 * (numbers inside labels compared as numbers); instances within a candidate are sorted by path. The result does
 * not depend on the order of the input.
 */
public final class SeriesGrouper {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesGrouper.class);

    private final double orientationTolerance;
    private final double positionToleranceMm;

    private SeriesGrouper(Builder b) {
        this.orientationTolerance = b.orientationTolerance;
        this.positionToleranceMm = b.positionToleranceMm;
    }

    /** @return a builder with orientation tolerance 1e-4 and position tolerance 0.01 mm */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a grouper with the defaults of {@link #builder()} */
    public static SeriesGrouper defaults() {
        return builder().build();
    }

    /** @return the largest difference between direction cosines still counted as the same orientation */
    public double orientationTolerance() {
        return orientationTolerance;
    }

    /** @return the largest distance, mm, between Image Positions still counted as the same position */
    public double positionToleranceMm() {
        return positionToleranceMm;
    }

    /**
     * @param instances scanned instances, in any order
     * @return the stack candidates, in the order described above; empty for no instances
     */
    public List<StackCandidate> group(List<InstanceHeader> instances) {
        Objects.requireNonNull(instances, "instances");
        List<InstanceHeader> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparing(InstanceHeader::path));
        Map<List<String>, List<ImageKeys>> series = new LinkedHashMap<>();
        for (InstanceHeader h : sorted) {
            series.computeIfAbsent(List.of(h.studyInstanceUid(), h.seriesInstanceUid()), k -> new ArrayList<>())
                    .add(ImageKeys.of(h));
        }
        List<StackCandidate> out = new ArrayList<>();
        for (List<ImageKeys> images : series.values()) {
            out.addAll(splitSeries(images));
        }
        out.sort(Comparator.comparing(StackCandidate::studyInstanceUid)
                .thenComparingInt(c -> c.instances().get(0).attributes().getInt(Tag.SeriesNumber, Integer.MAX_VALUE))
                .thenComparing(StackCandidate::seriesInstanceUid)
                .thenComparing(StackCandidate::label, SeriesGrouper::compareNatural));
        return out;
    }

    // ---- one series ----

    /** A part of a series and the label it has so far. */
    private record Part(String label, List<ImageKeys> images) {
    }

    private List<StackCandidate> splitSeries(List<ImageKeys> images) {
        InstanceHeader first = images.get(0).header();
        String study = first.studyInstanceUid();
        String uid = first.seriesInstanceUid();
        List<ImageKeys> multiFrame = new ArrayList<>();
        List<ImageKeys> projection = new ArrayList<>();
        List<ImageKeys> localizers = new ArrayList<>();
        List<ImageKeys> stackable = new ArrayList<>();
        for (ImageKeys im : images) {
            if (im.multiFrame()) {
                multiFrame.add(im);
            } else if (im.projection()) {
                projection.add(im);
            } else if (im.localizer()) {
                localizers.add(im);
            } else {
                stackable.add(im);
            }
        }
        List<Part> parts = new ArrayList<>();
        singles(multiFrame, "multi-frame", parts);
        singles(projection, "image", parts);
        if (!stackable.isEmpty()) {
            split(uid, new Part("", stackable), 0, parts);
        }
        if (!localizers.isEmpty()) {
            if (!stackable.isEmpty()) {
                LOG.debug("series {}: {} localizer image(s) set apart from {} others", uid, localizers.size(),
                        stackable.size());
            }
            split(uid, new Part("localizer", localizers), 0, parts);
        }
        if (parts.size() > 1 && (!multiFrame.isEmpty() || !projection.isEmpty())) {
            LOG.debug("series {}: {} multi-frame and {} projection image(s), each a candidate of its own", uid,
                    multiFrame.size(), projection.size());
        }
        List<StackCandidate> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            List<InstanceHeader> headers = new ArrayList<>(p.images.size());
            for (ImageKeys im : p.images) {
                headers.add(im.header());
            }
            // A series that was not split has no label, whatever kind its images are.
            out.add(new StackCandidate(study, uid, parts.size() == 1 ? "" : p.label, headers));
        }
        return out;
    }

    /** Each image its own part, numbered by Instance Number (then path). */
    private static void singles(List<ImageKeys> images, String kind, List<Part> parts) {
        List<ImageKeys> ordered = new ArrayList<>(images);
        ordered.sort(Comparator.comparingInt(ImageKeys::instanceNumber).thenComparing(im -> im.header().path()));
        for (int k = 0; k < ordered.size(); k++) {
            parts.add(new Part(kind + " " + (k + 1), List.of(ordered.get(k))));
        }
    }

    private static final int ORIENTATION = 0;
    private static final int SIZE = 1;
    private static final int DIFFUSION = 2;
    private static final int ECHO = 3;
    private static final int TEMPORAL = 4;
    private static final int ACQUISITION = 5;
    private static final int PHASE = 6;
    private static final int STAGES = 7;
    private static final String[] STAGE_NAMES = {"orientation", "rows/columns", "diffusion (positions repeat)",
        "echo number", "temporal position", "acquisition (positions repeat)", "trigger time (positions repeat)"};

    /** Applies the rules from {@code stage} on to {@code part}, adding the final parts to {@code out}. */
    private void split(String uid, Part part, int stage, List<Part> out) {
        if (stage == STAGES || part.images.size() == 1) {
            out.add(part);
            return;
        }
        Map<String, List<ImageKeys>> by = switch (stage) {
            case ORIENTATION -> byOrientation(part.images);
            case SIZE -> byKey(part.images, im -> im.columns() + " x " + im.rows() + " images");
            case DIFFUSION -> DiffusionSplit.by(part.images, positionToleranceMm);
            case ECHO -> byKey(part.images, im -> im.echo() == null ? "no echo number" : "echo " + im.echo());
            case TEMPORAL -> byKey(part.images, im -> im.temporalPosition() == null ? "no temporal position"
                    : "temporal position " + im.temporalPosition());
            case ACQUISITION -> byAcquisition(part.images);
            case PHASE -> byPhase(part.images);
            default -> throw new IllegalStateException("stage " + stage);
        };
        if (by.size() <= 1) {
            split(uid, part, stage + 1, out);
            return;
        }
        if (LOG.isDebugEnabled()) {
            StringBuilder s = new StringBuilder();
            by.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k.isEmpty() ? "main" : k)
                    .append(": ").append(v.size()));
            LOG.debug("series {}{}: {} images split by {} into {} ({})", uid,
                    part.label.isEmpty() ? "" : " (" + part.label + ")", part.images.size(),
                    STAGE_NAMES[stage], by.size(), s);
        }
        for (Map.Entry<String, List<ImageKeys>> e : by.entrySet()) {
            String label = e.getKey().isEmpty() ? part.label
                    : part.label.isEmpty() ? e.getKey() : part.label + ", " + e.getKey();
            split(uid, new Part(label, e.getValue()), stage + 1, out);
        }
    }

    private static Map<String, List<ImageKeys>> byKey(List<ImageKeys> images, Function<ImageKeys, String> key) {
        Map<String, List<ImageKeys>> by = new LinkedHashMap<>();
        for (ImageKeys im : images) {
            by.computeIfAbsent(key.apply(im), k -> new ArrayList<>()).add(im);
        }
        return by;
    }

    /** Clusters by direction cosines; the largest cluster (the first met, on a tie) gets the empty key. */
    private Map<String, List<ImageKeys>> byOrientation(List<ImageKeys> images) {
        List<double[]> reps = new ArrayList<>();
        List<List<ImageKeys>> clusters = new ArrayList<>();
        for (ImageKeys im : images) {
            int c = 0;
            while (c < reps.size() && !sameOrientation(reps.get(c), im.orientation())) {
                c++;
            }
            if (c == reps.size()) {
                reps.add(im.orientation());
                clusters.add(new ArrayList<>());
            }
            clusters.get(c).add(im);
        }
        // List.sort is stable: clusters of equal size keep the order in which they were met (path order).
        clusters.sort(Comparator.comparingInt(c -> -c.size()));
        Map<String, List<ImageKeys>> by = new LinkedHashMap<>();
        for (int r = 0; r < clusters.size(); r++) {
            by.put(r == 0 ? "" : "orientation " + (r + 1), clusters.get(r));
        }
        return by;
    }

    private boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > orientationTolerance) {
                return false;
            }
        }
        return true;
    }

    /** Splits by Acquisition Number only when two acquisitions share a position. */
    private Map<String, List<ImageKeys>> byAcquisition(List<ImageKeys> images) {
        Map<String, List<ImageKeys>> by = byKey(images, im -> im.acquisition() == null ? "no acquisition number"
                : "acquisition " + im.acquisition());
        if (by.size() <= 1) {
            return by;
        }
        int[] position = PositionClusters.ids(images, positionToleranceMm);
        Map<Integer, Integer> acquisitionAt = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Integer acq = images.get(i).acquisition();
            int code = acq == null ? Integer.MIN_VALUE : acq;
            Integer seen = acquisitionAt.putIfAbsent(position[i], code);
            if (seen != null && seen != code) {
                return by;
            }
        }
        return Map.of();
    }

    /** Ranks the images at each position by Trigger Time, when positions repeat with different trigger times. */
    private Map<String, List<ImageKeys>> byPhase(List<ImageKeys> images) {
        int[] position = PositionClusters.ids(images, positionToleranceMm);
        Map<Integer, List<Integer>> at = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            at.computeIfAbsent(position[i], k -> new ArrayList<>()).add(i);
        }
        boolean timesDiffer = false;
        for (List<Integer> members : at.values()) {
            for (int m : members) {
                if (Double.isNaN(images.get(m).triggerTime())) {
                    return Map.of();
                }
                timesDiffer |= images.get(m).triggerTime() != images.get(members.get(0)).triggerTime();
            }
        }
        if (!timesDiffer) {
            return Map.of();
        }
        int[] phase = new int[images.size()];
        for (List<Integer> members : at.values()) {
            List<Integer> ordered = new ArrayList<>(members);
            ordered.sort(Comparator.comparingDouble((Integer m) -> images.get(m).triggerTime())
                    .thenComparingInt(m -> images.get(m).instanceNumber()));
            for (int r = 0; r < ordered.size(); r++) {
                phase[ordered.get(r)] = r + 1;
            }
        }
        Map<Integer, List<ImageKeys>> byPhase = new TreeMap<>();
        for (int i = 0; i < images.size(); i++) {
            byPhase.computeIfAbsent(phase[i], k -> new ArrayList<>()).add(images.get(i));
        }
        Map<String, List<ImageKeys>> by = new LinkedHashMap<>();
        byPhase.forEach((k, v) -> by.put("phase " + k, v));
        return by;
    }

    /** Compares labels with runs of digits compared as numbers: "echo 2" before "echo 10". */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                // Label numbers come from IS values and counters: no leading zeros, so longer means larger.
                int c = ei - i != ej - j ? Integer.compare(ei - i, ej - j)
                        : a.substring(i, ei).compareTo(b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else if (a.charAt(i) != b.charAt(j)) {
                return Character.compare(a.charAt(i), b.charAt(j));
            } else {
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int e = from;
        while (e < s.length() && Character.isDigit(s.charAt(e))) {
            e++;
        }
        return e;
    }

    /** Configures a {@link SeriesGrouper}; {@link #build()} validates. */
    public static final class Builder {
        private double orientationTolerance = 1e-4;
        private double positionToleranceMm = 0.01;

        private Builder() {
        }

        /**
         * @param tolerance the largest difference between corresponding direction cosines of Image Orientation
         *                  (Patient) still counted as one orientation, 0 to 0.5 (default 1e-4, about 0.006°; DS
         *                  values are written with a limited number of digits)
         * @return this builder
         */
        public Builder orientationTolerance(double tolerance) {
            this.orientationTolerance = tolerance;
            return this;
        }

        /**
         * @param toleranceMm the largest distance between Image Positions (Patient) still counted as one position,
         *                    mm, 0 to 1 (default 0.01 mm); used to tell whether diffusion encodings,
         *                    acquisitions or phases repeat positions
         * @return this builder
         */
        public Builder positionToleranceMm(double toleranceMm) {
            this.positionToleranceMm = toleranceMm;
            return this;
        }

        /**
         * @return the grouper
         * @throws IllegalArgumentException naming the parameter when a tolerance is out of range or not a number
         */
        public SeriesGrouper build() {
            if (!(orientationTolerance >= 0 && orientationTolerance <= 0.5)) {
                throw new IllegalArgumentException("orientationTolerance must be 0 to 0.5, got "
                        + orientationTolerance);
            }
            if (!(positionToleranceMm >= 0 && positionToleranceMm <= 1)) {
                throw new IllegalArgumentException("positionToleranceMm must be 0 to 1 mm, got "
                        + positionToleranceMm);
            }
            return new SeriesGrouper(this);
        }
    }
}
