package org.medimg4j.dicom.writer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * What a written series says about its patient, study, series and equipment — the descriptive attributes the
 * caller knows and a {@code Volume} does not. Immutable; made by {@link #builder()}, whose {@code build()} checks
 * every value against its VR and names the field at fault.
 *
 * <p>Defaults are safe for data that leaves the machine: patient name {@code "ANONYMOUS^"} and ID
 * {@code "ANONYMOUS"}, no birth date or sex (empty Type 2 attributes), no descriptions, Study ID {@code "1"} (a
 * DICOMDIR needs one); new UIDs for study, series and frame of reference from the UID generator
 * ({@link UidGenerator#uuidDerived()} unless one is given); study date and time taken when the writer runs; series
 * number 1; manufacturer {@code "medimg4j"}; no body part and no laterality (CT and MR then write Laterality empty,
 * which validators accept with a warning: set the body part to avoid it); patient position {@code "HFS"} (CT and MR
 * only); the window spanning the data's range. Text is checked against the VR limits (LO 64, SH 16, CS 16
 * characters, upper-case for CS); non-ASCII text in names and descriptions is written as UTF-8 with Specific
 * Character Set {@code ISO_IR 192}.
 */
public final class SeriesOptions {

    private final String patientName;
    private final String patientId;
    private final LocalDate patientBirthDate;
    private final String patientSex;
    private final String studyInstanceUid;
    private final LocalDateTime studyDateTime;
    private final String studyDescription;
    private final String studyId;
    private final String accessionNumber;
    private final String referringPhysicianName;
    private final String seriesInstanceUid;
    private final int seriesNumber;
    private final String seriesDescription;
    private final String frameOfReferenceUid;
    private final String manufacturer;
    private final String manufacturerModelName;
    private final String institutionName;
    private final String bodyPartExamined;
    private final String laterality;
    private final String patientPosition;
    private final DisplayWindow window;
    private final List<String> imageType;
    private final UidGenerator uids;
    private final String fileNamePrefix;

    private SeriesOptions(Builder b) {
        this.patientName = b.patientName;
        this.patientId = b.patientId;
        this.patientBirthDate = b.patientBirthDate;
        this.patientSex = b.patientSex;
        this.studyInstanceUid = b.studyInstanceUid;
        this.studyDateTime = b.studyDateTime;
        this.studyDescription = b.studyDescription;
        this.studyId = b.studyId;
        this.accessionNumber = b.accessionNumber;
        this.referringPhysicianName = b.referringPhysicianName;
        this.seriesInstanceUid = b.seriesInstanceUid;
        this.seriesNumber = b.seriesNumber;
        this.seriesDescription = b.seriesDescription;
        this.frameOfReferenceUid = b.frameOfReferenceUid;
        this.manufacturer = b.manufacturer;
        this.manufacturerModelName = b.manufacturerModelName;
        this.institutionName = b.institutionName;
        this.bodyPartExamined = b.bodyPartExamined;
        this.laterality = b.laterality;
        this.patientPosition = b.patientPosition;
        this.window = b.window;
        this.imageType = b.imageType;
        this.uids = b.uids;
        this.fileNamePrefix = b.fileNamePrefix;
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults: an anonymous patient, new UIDs, series number 1 */
    public static SeriesOptions defaults() {
        return builder().build();
    }

    /** @return a builder preset to these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.patientName = patientName;
        b.patientId = patientId;
        b.patientBirthDate = patientBirthDate;
        b.patientSex = patientSex;
        b.studyInstanceUid = studyInstanceUid;
        b.studyDateTime = studyDateTime;
        b.studyDescription = studyDescription;
        b.studyId = studyId;
        b.accessionNumber = accessionNumber;
        b.referringPhysicianName = referringPhysicianName;
        b.seriesInstanceUid = seriesInstanceUid;
        b.seriesNumber = seriesNumber;
        b.seriesDescription = seriesDescription;
        b.frameOfReferenceUid = frameOfReferenceUid;
        b.manufacturer = manufacturer;
        b.manufacturerModelName = manufacturerModelName;
        b.institutionName = institutionName;
        b.bodyPartExamined = bodyPartExamined;
        b.laterality = laterality;
        b.patientPosition = patientPosition;
        b.window = window;
        b.imageType = imageType;
        b.uids = uids;
        b.fileNamePrefix = fileNamePrefix;
        return b;
    }

    /** @return Patient's Name (PN), e.g. "Doe^Jane" */
    public String patientName() {
        return patientName;
    }

    /** @return Patient ID (LO) */
    public String patientId() {
        return patientId;
    }

    /** @return Patient's Birth Date, if known */
    public Optional<LocalDate> patientBirthDate() {
        return Optional.ofNullable(patientBirthDate);
    }

    /** @return Patient's Sex: "M", "F", "O", or "" when unknown */
    public String patientSex() {
        return patientSex;
    }

    /** @return the Study Instance UID to use, or empty for a new one */
    public Optional<String> studyInstanceUid() {
        return Optional.ofNullable(studyInstanceUid);
    }

    /** @return the study date and time, or empty for the time of writing */
    public Optional<LocalDateTime> studyDateTime() {
        return Optional.ofNullable(studyDateTime);
    }

    /** @return Study Description (LO), "" for none */
    public String studyDescription() {
        return studyDescription;
    }

    /** @return Study ID (SH), "" for none */
    public String studyId() {
        return studyId;
    }

    /** @return Accession Number (SH), "" for none */
    public String accessionNumber() {
        return accessionNumber;
    }

    /** @return Referring Physician's Name (PN), "" for none */
    public String referringPhysicianName() {
        return referringPhysicianName;
    }

    /** @return the Series Instance UID to use, or empty for a new one */
    public Optional<String> seriesInstanceUid() {
        return Optional.ofNullable(seriesInstanceUid);
    }

    /** @return Series Number (IS) */
    public int seriesNumber() {
        return seriesNumber;
    }

    /** @return Series Description (LO), "" for none */
    public String seriesDescription() {
        return seriesDescription;
    }

    /** @return the Frame of Reference UID to use, or empty for a new one */
    public Optional<String> frameOfReferenceUid() {
        return Optional.ofNullable(frameOfReferenceUid);
    }

    /** @return Manufacturer (LO) */
    public String manufacturer() {
        return manufacturer;
    }

    /** @return Manufacturer's Model Name (LO), "" for none */
    public String manufacturerModelName() {
        return manufacturerModelName;
    }

    /** @return Institution Name (LO), "" for none */
    public String institutionName() {
        return institutionName;
    }

    /** @return Body Part Examined (CS), "" for none */
    public String bodyPartExamined() {
        return bodyPartExamined;
    }

    /** @return Laterality (CS) of the body part examined: "R", "L", or "" when unknown or unpaired */
    public String laterality() {
        return laterality;
    }

    /** @return Patient Position (CS) for CT and MR, e.g. "HFS" */
    public String patientPosition() {
        return patientPosition;
    }

    /** @return the window to write, or empty for one spanning the data's range */
    public Optional<DisplayWindow> window() {
        return Optional.ofNullable(window);
    }

    /** @return Image Type values (CS), or empty for the writer's default */
    public List<String> imageType() {
        return imageType;
    }

    /** @return where new UIDs come from */
    public UidGenerator uids() {
        return uids;
    }

    /** @return the start of every file name, e.g. "IM" for IM00001.dcm */
    public String fileNamePrefix() {
        return fileNamePrefix;
    }

    /** Builds {@link SeriesOptions}; {@link #build()} checks every value and names the field at fault. */
    public static final class Builder {
        // The caret makes it a family name: dciodvfy reads a name without one as the retired single-string form.
        private String patientName = "ANONYMOUS^";
        private String patientId = "ANONYMOUS";
        private LocalDate patientBirthDate;
        private String patientSex = "";
        private String studyInstanceUid;
        private LocalDateTime studyDateTime;
        private String studyDescription = "";
        private String studyId = "1";
        private String accessionNumber = "";
        private String referringPhysicianName = "";
        private String seriesInstanceUid;
        private int seriesNumber = 1;
        private String seriesDescription = "";
        private String frameOfReferenceUid;
        private String manufacturer = "medimg4j";
        private String manufacturerModelName = "";
        private String institutionName = "";
        private String bodyPartExamined = "";
        private String laterality = "";
        private String patientPosition = "HFS";
        private DisplayWindow window;
        private List<String> imageType = List.of();
        private UidGenerator uids;
        private String fileNamePrefix = "IM";

        private Builder() {
        }

        /** @param v Patient's Name, PN: family^given^middle^prefix^suffix, each group at most 64 characters */
        public Builder patientName(String v) {
            this.patientName = Objects.requireNonNull(v, "patientName");
            return this;
        }

        /** @param v Patient ID, LO, at most 64 characters */
        public Builder patientId(String v) {
            this.patientId = Objects.requireNonNull(v, "patientId");
            return this;
        }

        /** @param v Patient's Birth Date, or null when unknown */
        public Builder patientBirthDate(LocalDate v) {
            this.patientBirthDate = v;
            return this;
        }

        /** @param v Patient's Sex: "M", "F", "O", or "" when unknown */
        public Builder patientSex(String v) {
            this.patientSex = Objects.requireNonNull(v, "patientSex");
            return this;
        }

        /** @param v the Study Instance UID, or null for a new one */
        public Builder studyInstanceUid(String v) {
            this.studyInstanceUid = v;
            return this;
        }

        /** @param v the study date and time (local time of the study), or null for the time of writing */
        public Builder studyDateTime(LocalDateTime v) {
            this.studyDateTime = v;
            return this;
        }

        /** @param v Study Description, LO */
        public Builder studyDescription(String v) {
            this.studyDescription = Objects.requireNonNull(v, "studyDescription");
            return this;
        }

        /** @param v Study ID, SH */
        public Builder studyId(String v) {
            this.studyId = Objects.requireNonNull(v, "studyId");
            return this;
        }

        /** @param v Accession Number, SH */
        public Builder accessionNumber(String v) {
            this.accessionNumber = Objects.requireNonNull(v, "accessionNumber");
            return this;
        }

        /** @param v Referring Physician's Name, PN */
        public Builder referringPhysicianName(String v) {
            this.referringPhysicianName = Objects.requireNonNull(v, "referringPhysicianName");
            return this;
        }

        /** @param v the Series Instance UID, or null for a new one */
        public Builder seriesInstanceUid(String v) {
            this.seriesInstanceUid = v;
            return this;
        }

        /** @param v Series Number, ≥ 0 */
        public Builder seriesNumber(int v) {
            this.seriesNumber = v;
            return this;
        }

        /** @param v Series Description, LO */
        public Builder seriesDescription(String v) {
            this.seriesDescription = Objects.requireNonNull(v, "seriesDescription");
            return this;
        }

        /** @param v the Frame of Reference UID, or null for a new one (give the same one to co-registered series) */
        public Builder frameOfReferenceUid(String v) {
            this.frameOfReferenceUid = v;
            return this;
        }

        /** @param v Manufacturer, LO */
        public Builder manufacturer(String v) {
            this.manufacturer = Objects.requireNonNull(v, "manufacturer");
            return this;
        }

        /** @param v Manufacturer's Model Name, LO */
        public Builder manufacturerModelName(String v) {
            this.manufacturerModelName = Objects.requireNonNull(v, "manufacturerModelName");
            return this;
        }

        /** @param v Institution Name, LO */
        public Builder institutionName(String v) {
            this.institutionName = Objects.requireNonNull(v, "institutionName");
            return this;
        }

        /** @param v Body Part Examined, CS, e.g. "CHEST", "HEAD" */
        public Builder bodyPartExamined(String v) {
            this.bodyPartExamined = Objects.requireNonNull(v, "bodyPartExamined");
            return this;
        }

        /**
         * @param v Laterality of a paired body part: "R", "L", or "" (the default) when unknown or unpaired. With
         *          no body part examined, Laterality is written empty (unknown, PS3.3 C.7.3.1 Type 2C); with one,
         *          it is left out unless given — set it for a paired body part (e.g. BREAST, KNEE)
         */
        public Builder laterality(String v) {
            this.laterality = Objects.requireNonNull(v, "laterality");
            return this;
        }

        /** @param v Patient Position, CS: HFS, HFP, FFS, FFP, HFDR, HFDL, FFDR, FFDL... (CT and MR) */
        public Builder patientPosition(String v) {
            this.patientPosition = Objects.requireNonNull(v, "patientPosition");
            return this;
        }

        /** @param v the window (VOI LUT) to write, in output units (HU for CT); null for the data's range */
        public Builder window(DisplayWindow v) {
            this.window = v;
            return this;
        }

        /** @param values Image Type, CS, e.g. "ORIGINAL", "PRIMARY", "AXIAL"; none for the writer's default */
        public Builder imageType(String... values) {
            this.imageType = List.of(values);
            return this;
        }

        /** @param v where new UIDs come from (e.g. {@link UidGenerator#deterministic(long)} for tests) */
        public Builder uids(UidGenerator v) {
            this.uids = Objects.requireNonNull(v, "uids");
            return this;
        }

        /** @param v the start of every file name: letters, digits, '-' and '_' only, at most 32 characters */
        public Builder fileNamePrefix(String v) {
            this.fileNamePrefix = Objects.requireNonNull(v, "fileNamePrefix");
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException naming the field whose value breaks its VR or range
         */
        public SeriesOptions build() {
            check("patientName", Tag.PatientName, VR.PN, patientName);
            check("patientId", Tag.PatientID, VR.LO, patientId);
            if (!patientSex.isEmpty() && !List.of("M", "F", "O").contains(patientSex)) {
                throw new IllegalArgumentException("patientSex must be \"M\", \"F\", \"O\" or \"\", got \"" + patientSex
                        + "\"");
            }
            if (studyInstanceUid != null) {
                UidGenerator.requireValid(studyInstanceUid, "studyInstanceUid");
            }
            if (seriesInstanceUid != null) {
                UidGenerator.requireValid(seriesInstanceUid, "seriesInstanceUid");
            }
            if (frameOfReferenceUid != null) {
                UidGenerator.requireValid(frameOfReferenceUid, "frameOfReferenceUid");
            }
            check("studyDescription", Tag.StudyDescription, VR.LO, studyDescription);
            check("studyId", Tag.StudyID, VR.SH, studyId);
            check("accessionNumber", Tag.AccessionNumber, VR.SH, accessionNumber);
            check("referringPhysicianName", Tag.ReferringPhysicianName, VR.PN, referringPhysicianName);
            if (seriesNumber < 0) {
                throw new IllegalArgumentException("seriesNumber must be >= 0, got " + seriesNumber);
            }
            check("seriesDescription", Tag.SeriesDescription, VR.LO, seriesDescription);
            check("manufacturer", Tag.Manufacturer, VR.LO, manufacturer);
            check("manufacturerModelName", Tag.ManufacturerModelName, VR.LO, manufacturerModelName);
            check("institutionName", Tag.InstitutionName, VR.LO, institutionName);
            check("bodyPartExamined", Tag.BodyPartExamined, VR.CS, bodyPartExamined);
            check("patientPosition", Tag.PatientPosition, VR.CS, patientPosition);
            if (!List.of("", "R", "L").contains(laterality)) {
                throw new IllegalArgumentException("laterality must be \"R\", \"L\" or \"\", got \"" + laterality + "\"");
            }
            check("imageType", Tag.ImageType, VR.CS, imageType.toArray(new String[0]));
            if (!fileNamePrefix.matches("[A-Za-z0-9_-]{0,32}")) {
                throw new IllegalArgumentException("fileNamePrefix must be at most 32 letters, digits, '-' or '_', got \""
                        + fileNamePrefix + "\"");
            }
            if (uids == null) {
                uids = UidGenerator.uuidDerived();
            }
            return new SeriesOptions(this);
        }

        private static void check(String field, int tag, VR vr, String... values) {
            try {
                DicomElement.text(tag, vr, values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
            }
        }
    }
}
