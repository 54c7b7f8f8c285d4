package org.medimg4j.dicom.writer;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * The modules every image IOD written here shares (PS3.3 A.3, A.4, A.2, A.26): Patient (C.7.1.1), General Study
 * (C.7.2.1), General Series (C.7.3.1), General Equipment (C.7.5.1), SOP Common (C.12.1), and the pieces of
 * General Image (C.7.6.1), Image Pixel (C.7.6.3) and VOI LUT (C.11.2) whose values do not depend on the IOD.
 */
final class CommonModules {

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    /**
     * The identifiers of one series, drawn once per write so that every file of the series shares them.
     *
     * @param study            Study Instance UID
     * @param series           Series Instance UID
     * @param frameOfReference Frame of Reference UID
     * @param dateTime         study (and content) date and time
     */
    record Identity(String study, String series, String frameOfReference, LocalDateTime dateTime) {

        static Identity of(SeriesOptions o) {
            UidGenerator g = o.uids();
            return new Identity(o.studyInstanceUid().orElseGet(g::next), o.seriesInstanceUid().orElseGet(g::next),
                    o.frameOfReferenceUid().orElseGet(g::next),
                    o.studyDateTime().orElseGet(LocalDateTime::now).withNano(0));
        }
    }

    private CommonModules() {
    }

    /**
     * Patient, General Study, General Series and General Equipment.
     *
     * @param withPatientPosition whether to write Patient Position (Type 2C for CT and MR)
     * @param imageLaterality     whether the IOD writes Image Laterality (0020,0062), which stands in for the
     *                            series' Laterality (Type 2C: required only when neither says)
     */
    static void patientStudySeriesEquipment(DataSetBuilder b, SeriesOptions o, Identity id, String modality,
                                            boolean withPatientPosition, boolean imageLaterality) {
        // Patient (C.7.1.1)
        b.string(Tag.PatientName, o.patientName());
        b.string(Tag.PatientID, o.patientId());
        b.string(Tag.PatientBirthDate, o.patientBirthDate().map(DA::format).stream().toArray(String[]::new));
        b.string(Tag.PatientSex, o.patientSex().isEmpty() ? new String[0] : new String[] {o.patientSex()});
        // General Study (C.7.2.1)
        b.string(Tag.StudyInstanceUID, id.study());
        b.string(Tag.StudyDate, DA.format(id.dateTime()));
        b.string(Tag.StudyTime, TM.format(id.dateTime()));
        b.string(Tag.ReferringPhysicianName, nonEmpty(o.referringPhysicianName()));
        b.string(Tag.StudyID, nonEmpty(o.studyId()));
        b.string(Tag.AccessionNumber, nonEmpty(o.accessionNumber()));
        if (!o.studyDescription().isEmpty()) {
            b.string(Tag.StudyDescription, o.studyDescription());
        }
        // General Series (C.7.3.1)
        b.string(Tag.Modality, modality);
        b.string(Tag.SeriesInstanceUID, id.series());
        b.ints(Tag.SeriesNumber, o.seriesNumber());
        b.string(Tag.SeriesDate, DA.format(id.dateTime()));
        b.string(Tag.SeriesTime, TM.format(id.dateTime()));
        if (!o.seriesDescription().isEmpty()) {
            b.string(Tag.SeriesDescription, o.seriesDescription());
        }
        if (!o.bodyPartExamined().isEmpty()) {
            b.string(Tag.BodyPartExamined, o.bodyPartExamined());
        }
        // Type 2C: required for a paired body part; empty means unknown, which is what an unknown body part implies
        if (!o.laterality().isEmpty()) {
            b.string(Tag.Laterality, o.laterality());
        } else if (o.bodyPartExamined().isEmpty() && !imageLaterality) {
            b.empty(Tag.Laterality);
        }
        if (withPatientPosition) {
            b.string(Tag.PatientPosition, o.patientPosition());
        }
        // General Equipment (C.7.5.1)
        b.string(Tag.Manufacturer, o.manufacturer());
        if (!o.institutionName().isEmpty()) {
            b.string(Tag.InstitutionName, o.institutionName());
        }
        if (!o.manufacturerModelName().isEmpty()) {
            b.string(Tag.ManufacturerModelName, o.manufacturerModelName());
        }
        b.string(Tag.SoftwareVersions, "medimg4j " + Part10Writer.IMPLEMENTATION_VERSION);
        // General Image (C.7.6.1): content date and time, the same for every instance
        b.string(Tag.ContentDate, DA.format(id.dateTime()));
        b.string(Tag.ContentTime, TM.format(id.dateTime()));
    }

    /** Frame of Reference (C.7.4.1). */
    static void frameOfReference(DataSetBuilder b, Identity id) {
        b.string(Tag.FrameOfReferenceUID, id.frameOfReference());
        b.empty(Tag.PositionReferenceIndicator);
    }

    /** SOP Common (C.12.1); Specific Character Set is added by {@link DataSetBuilder#build()} when needed. */
    static void sopCommon(DataSetBuilder b, String sopClassUid, String sopInstanceUid) {
        b.string(Tag.SOPClassUID, sopClassUid);
        b.string(Tag.SOPInstanceUID, sopInstanceUid);
    }

    /**
     * Image Pixel (C.7.6.3) for one grey sample per pixel, 16 bits allocated, MONOCHROME2, and the pixels.
     *
     * @param bitsStored 1 to 16; High Bit is one less
     * @param signed     Pixel Representation: two's complement when true
     */
    static void imagePixel(DataSetBuilder b, int rows, int columns, int bitsStored, boolean signed, short[] pixels) {
        b.ints(Tag.SamplesPerPixel, 1);
        b.string(Tag.PhotometricInterpretation, "MONOCHROME2");
        b.ints(Tag.Rows, rows);
        b.ints(Tag.Columns, columns);
        b.ints(Tag.BitsAllocated, 16);
        b.ints(Tag.BitsStored, bitsStored);
        b.ints(Tag.HighBit, bitsStored - 1);
        b.ints(Tag.PixelRepresentation, signed ? 1 : 0);
        b.pixels(pixels);
    }

    /** @return the window the options give, else the one spanning [min, max] of the output values */
    static DisplayWindow window(SeriesOptions o, double min, double max) {
        return o.window().orElseGet(() -> DisplayWindow.spanning(min, max));
    }

    /** @return Image Type: the options' values, else {@code fallback} */
    static String[] imageType(SeriesOptions o, String... fallback) {
        List<String> t = o.imageType();
        return t.isEmpty() ? fallback : t.toArray(new String[0]);
    }

    /** Writes a Type 2 text attribute: its value, or empty. */
    private static String[] nonEmpty(String v) {
        return v.isEmpty() ? new String[0] : new String[] {v};
    }
}
