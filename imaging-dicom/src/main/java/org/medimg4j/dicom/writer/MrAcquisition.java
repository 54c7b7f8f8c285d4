package org.medimg4j.dicom.writer;

import java.util.List;
import java.util.Objects;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The MR Image module's acquisition attributes (PS3.3 C.8.3.1) for {@link VolumeSeriesWriter#mr}. A volume does
 * not know how it was acquired, so the defaults say as little as the module allows:
 * Scanning Sequence {@code RM} (research mode: no claim of SE, GR, IR or EP), Sequence Variant {@code NONE}, and
 * empty Scan Options, MR Acquisition Type, Repetition Time, Echo Time and Echo Train Length (Type 2: present,
 * value unknown); Magnetic Field Strength and Flip Angle are left out unless given. Set what is known. Inversion
 * Time is written (empty when unknown) when Scanning Sequence includes IR, as PS3.3 requires. Immutable.
 */
public final class MrAcquisition {

    private final List<String> scanningSequence;
    private final List<String> sequenceVariant;
    private final List<String> scanOptions;
    private final String acquisitionType;
    private final double repetitionTimeMs;
    private final double echoTimeMs;
    private final int echoTrainLength;
    private final double inversionTimeMs;
    private final double magneticFieldStrengthT;
    private final double flipAngleDeg;
    private final String sequenceName;

    private MrAcquisition(Builder b) {
        this.scanningSequence = b.scanningSequence;
        this.sequenceVariant = b.sequenceVariant;
        this.scanOptions = b.scanOptions;
        this.acquisitionType = b.acquisitionType;
        this.repetitionTimeMs = b.repetitionTimeMs;
        this.echoTimeMs = b.echoTimeMs;
        this.echoTrainLength = b.echoTrainLength;
        this.inversionTimeMs = b.inversionTimeMs;
        this.magneticFieldStrengthT = b.magneticFieldStrengthT;
        this.flipAngleDeg = b.flipAngleDeg;
        this.sequenceName = b.sequenceName;
    }

    /** @return the defaults: research mode, no variant, timing unknown */
    public static MrAcquisition defaults() {
        return builder().build();
    }

    /** @return a builder with the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds the MR Image module's acquisition attributes to {@code b}. */
    void addTo(DataSetBuilder b) {
        b.string(Tag.ScanningSequence, scanningSequence.toArray(new String[0]));
        b.string(Tag.SequenceVariant, sequenceVariant.toArray(new String[0]));
        b.string(Tag.ScanOptions, scanOptions.toArray(new String[0]));
        b.string(Tag.MRAcquisitionType, acquisitionType.isEmpty() ? new String[0] : new String[] {acquisitionType});
        optional(b, Tag.RepetitionTime, repetitionTimeMs, true);
        optional(b, Tag.EchoTime, echoTimeMs, true);
        if (echoTrainLength > 0) {
            b.ints(Tag.EchoTrainLength, echoTrainLength);
        } else {
            b.empty(Tag.EchoTrainLength);
        }
        optional(b, Tag.InversionTime, inversionTimeMs, scanningSequence.contains("IR"));
        optional(b, Tag.MagneticFieldStrength, magneticFieldStrengthT, false);
        optional(b, Tag.FlipAngle, flipAngleDeg, false);
        if (!sequenceName.isEmpty()) {
            b.string(Tag.SequenceName, sequenceName);
        }
    }

    private static void optional(DataSetBuilder b, int tag, double v, boolean typeTwo) {
        if (!Double.isNaN(v)) {
            b.doubles(tag, v);
        } else if (typeTwo) {
            b.empty(tag);
        }
    }

    /** @return Scanning Sequence values (CS): SE, IR, GR, EP, RM */
    public List<String> scanningSequence() {
        return scanningSequence;
    }

    /** @return Sequence Variant values (CS): SK, MTC, SS, TRSS, SP, MP, OSP, NONE */
    public List<String> sequenceVariant() {
        return sequenceVariant;
    }

    /** @return Repetition Time, ms; NaN when unknown */
    public double repetitionTimeMs() {
        return repetitionTimeMs;
    }

    /** @return Echo Time, ms; NaN when unknown */
    public double echoTimeMs() {
        return echoTimeMs;
    }

    /** @return Magnetic Field Strength, tesla; NaN when unknown */
    public double magneticFieldStrengthT() {
        return magneticFieldStrengthT;
    }

    /** Builds {@link MrAcquisition}; {@link #build()} checks values and names the field at fault. */
    public static final class Builder {
        private List<String> scanningSequence = List.of("RM");
        private List<String> sequenceVariant = List.of("NONE");
        private List<String> scanOptions = List.of();
        private String acquisitionType = "";
        private double repetitionTimeMs = Double.NaN;
        private double echoTimeMs = Double.NaN;
        private int echoTrainLength;
        private double inversionTimeMs = Double.NaN;
        private double magneticFieldStrengthT = Double.NaN;
        private double flipAngleDeg = Double.NaN;
        private String sequenceName = "";

        private Builder() {
        }

        /** @param v Scanning Sequence: one or more of SE, IR, GR, EP, RM */
        public Builder scanningSequence(String... v) {
            this.scanningSequence = List.of(v);
            return this;
        }

        /** @param v Sequence Variant: one or more of SK, MTC, SS, TRSS, SP, MP, OSP, NONE */
        public Builder sequenceVariant(String... v) {
            this.sequenceVariant = List.of(v);
            return this;
        }

        /** @param v Scan Options, e.g. PER, RG, CG, PPG, FC, PFF, PFP, SP, FS; none when there are none */
        public Builder scanOptions(String... v) {
            this.scanOptions = List.of(v);
            return this;
        }

        /** @param v MR Acquisition Type: "2D", "3D", or "" when unknown */
        public Builder acquisitionType(String v) {
            this.acquisitionType = Objects.requireNonNull(v, "acquisitionType");
            return this;
        }

        /** @param ms Repetition Time, ms, ≥ 0 */
        public Builder repetitionTimeMs(double ms) {
            this.repetitionTimeMs = ms;
            return this;
        }

        /** @param ms Echo Time, ms, ≥ 0 */
        public Builder echoTimeMs(double ms) {
            this.echoTimeMs = ms;
            return this;
        }

        /** @param n Echo Train Length, ≥ 1 */
        public Builder echoTrainLength(int n) {
            this.echoTrainLength = n;
            return this;
        }

        /** @param ms Inversion Time, ms, ≥ 0 (for IR sequences) */
        public Builder inversionTimeMs(double ms) {
            this.inversionTimeMs = ms;
            return this;
        }

        /** @param tesla Magnetic Field Strength, T, &gt; 0 */
        public Builder magneticFieldStrengthT(double tesla) {
            this.magneticFieldStrengthT = tesla;
            return this;
        }

        /** @param degrees Flip Angle, degrees */
        public Builder flipAngleDeg(double degrees) {
            this.flipAngleDeg = degrees;
            return this;
        }

        /** @param v Sequence Name, SH */
        public Builder sequenceName(String v) {
            this.sequenceName = Objects.requireNonNull(v, "sequenceName");
            return this;
        }

        /**
         * @return the acquisition
         * @throws IllegalArgumentException naming the field whose value is out of range or not a defined term
         */
        public MrAcquisition build() {
            terms("scanningSequence", scanningSequence, List.of("SE", "IR", "GR", "EP", "RM"), false);
            terms("sequenceVariant", sequenceVariant, List.of("SK", "MTC", "SS", "TRSS", "SP", "MP", "OSP", "NONE"),
                    false);
            terms("scanOptions", scanOptions, null, true);
            if (!List.of("", "2D", "3D").contains(acquisitionType)) {
                throw new IllegalArgumentException("acquisitionType must be \"2D\", \"3D\" or \"\", got \""
                        + acquisitionType + "\"");
            }
            nonNegative("repetitionTimeMs", repetitionTimeMs);
            nonNegative("echoTimeMs", echoTimeMs);
            nonNegative("inversionTimeMs", inversionTimeMs);
            if (echoTrainLength < 0) {
                throw new IllegalArgumentException("echoTrainLength must be >= 1 (0 for unknown), got " + echoTrainLength);
            }
            if (!Double.isNaN(magneticFieldStrengthT) && !(magneticFieldStrengthT > 0 && magneticFieldStrengthT < 100)) {
                throw new IllegalArgumentException("magneticFieldStrengthT must be in (0, 100) tesla, got "
                        + magneticFieldStrengthT);
            }
            if (!Double.isNaN(flipAngleDeg) && !(Math.abs(flipAngleDeg) <= 360)) {
                throw new IllegalArgumentException("flipAngleDeg must be within [-360, 360] degrees, got " + flipAngleDeg);
            }
            try {
                DicomElement.text(Tag.SequenceName, VR.SH, sequenceName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sequenceName: " + e.getMessage(), e);
            }
            return new MrAcquisition(this);
        }

        private static void terms(String field, List<String> values, List<String> allowed, boolean mayBeEmpty) {
            if (values.isEmpty() && !mayBeEmpty) {
                throw new IllegalArgumentException(field + " needs at least one value (Type 1)");
            }
            for (String v : values) {
                if (allowed != null ? !allowed.contains(v) : !v.matches("[A-Z0-9_]{1,16}")) {
                    throw new IllegalArgumentException(field + ": \"" + v + "\" is not "
                            + (allowed != null ? "one of " + allowed : "a code string (A-Z, 0-9, _; 16 characters)"));
                }
            }
        }

        private static void nonNegative(String field, double v) {
            if (!Double.isNaN(v) && !(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException(field + " must be finite and >= 0 ms, got " + v);
            }
        }
    }
}
