package org.medimg4j.dicom.writer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a projection X-ray image (DX, CR) says about its acquisition, beyond {@link SeriesOptions}. A 2-D volume
 * does not know it, so the defaults claim little: Image Laterality {@code U} (unpaired), anatomy
 * {@link CodedConcept#CHEST}, no view position, detector type unknown (empty, Type 2), Pixel Intensity
 * Relationship {@code LIN} with sign +1 (larger values are brighter under MONOCHROME2). Set what is known.
 * Immutable.
 */
public final class ProjectionAcquisition {

    private final String imageLaterality;
    private final CodedConcept anatomicRegion;
    private final String viewPosition;
    private final String detectorType;
    private final String pixelIntensityRelationship;

    private ProjectionAcquisition(Builder b) {
        this.imageLaterality = b.imageLaterality;
        this.anatomicRegion = b.anatomicRegion;
        this.viewPosition = b.viewPosition;
        this.detectorType = b.detectorType;
        this.pixelIntensityRelationship = b.pixelIntensityRelationship;
    }

    /** @return the documented defaults */
    public static ProjectionAcquisition defaults() {
        return builder().build();
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return Image Laterality: R, L, U (unpaired) or B (both) */
    public String imageLaterality() {
        return imageLaterality;
    }

    /** @return the Anatomic Region Sequence's concept */
    public CodedConcept anatomicRegion() {
        return anatomicRegion;
    }

    /** @return View Position (CS), e.g. "PA", "AP", "LL"; "" when unknown */
    public String viewPosition() {
        return viewPosition;
    }

    /**
     * @return the View Code Sequence concept (CID 4010, SNOMED CT) for the view positions AP, PA, LL and RL; empty
     *         for other or no view positions
     */
    public Optional<CodedConcept> viewCode() {
        return Optional.ofNullable(switch (viewPosition) {
            case "AP" -> new CodedConcept("399348003", "SCT", "antero-posterior");
            case "PA" -> new CodedConcept("399066004", "SCT", "postero-anterior");
            case "LL" -> new CodedConcept("399173006", "SCT", "left lateral");
            case "RL" -> new CodedConcept("399198007", "SCT", "right lateral");
            default -> null;
        });
    }

    /** @return Detector Type: DIRECT, SCINTILLATOR, STORAGE, FILM, or "" when unknown */
    public String detectorType() {
        return detectorType;
    }

    /** @return Pixel Intensity Relationship: LIN, LOG or OTHER */
    public String pixelIntensityRelationship() {
        return pixelIntensityRelationship;
    }

    /** Builds {@link ProjectionAcquisition}; {@link #build()} checks values and names the field at fault. */
    public static final class Builder {
        private String imageLaterality = "U";
        private CodedConcept anatomicRegion = CodedConcept.CHEST;
        private String viewPosition = "";
        private String detectorType = "";
        private String pixelIntensityRelationship = "LIN";

        private Builder() {
        }

        /** @param v Image Laterality: R, L, U (unpaired) or B (both) */
        public Builder imageLaterality(String v) {
            this.imageLaterality = Objects.requireNonNull(v, "imageLaterality");
            return this;
        }

        /** @param v the anatomy imaged (CID 4009), e.g. new CodedConcept("39607008", "SCT", "Lung") */
        public Builder anatomicRegion(CodedConcept v) {
            this.anatomicRegion = Objects.requireNonNull(v, "anatomicRegion");
            return this;
        }

        /** @param v View Position, e.g. AP, PA, LL, RL, LLD, RLD... ("" when unknown) */
        public Builder viewPosition(String v) {
            this.viewPosition = Objects.requireNonNull(v, "viewPosition");
            return this;
        }

        /** @param v Detector Type: DIRECT, SCINTILLATOR, STORAGE, FILM, or "" when unknown */
        public Builder detectorType(String v) {
            this.detectorType = Objects.requireNonNull(v, "detectorType");
            return this;
        }

        /** @param v Pixel Intensity Relationship: LIN, LOG or OTHER */
        public Builder pixelIntensityRelationship(String v) {
            this.pixelIntensityRelationship = Objects.requireNonNull(v, "pixelIntensityRelationship");
            return this;
        }

        /**
         * @return the acquisition
         * @throws IllegalArgumentException naming the field whose value is not one of its defined terms
         */
        public ProjectionAcquisition build() {
            oneOf("imageLaterality", imageLaterality, List.of("R", "L", "U", "B"));
            oneOf("detectorType", detectorType, List.of("", "DIRECT", "SCINTILLATOR", "STORAGE", "FILM"));
            oneOf("pixelIntensityRelationship", pixelIntensityRelationship, List.of("LIN", "LOG", "OTHER"));
            if (!viewPosition.matches("[A-Z0-9_ ]{0,16}")) {
                throw new IllegalArgumentException("viewPosition must be a code string (A-Z, 0-9, _, space; 16"
                        + " characters), got \"" + viewPosition + "\"");
            }
            return new ProjectionAcquisition(this);
        }

        private static void oneOf(String field, String v, List<String> allowed) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(field + " must be one of " + allowed + ", got \"" + v + "\"");
            }
        }
    }
}
