package org.medimg4j.models.data;

import java.util.Objects;

/**
 * What a dataset knows about a case without loading its voxels: its id, the patient it belongs to (the unit of
 * {@link PatientSplit}: all cases of one patient go to the same split) and, for classification, its class.
 *
 * @param caseId     unique within a dataset, e.g. a file stem or series UID; non-blank
 * @param patientId  the patient; several cases (studies, series) may share one; non-blank
 * @param classIndex the class for classification, 0..classes-1, or {@link #NO_CLASS}
 */
public record CaseInfo(String caseId, String patientId, int classIndex) {

    /** The class index of a case that has none (a segmentation case). */
    public static final int NO_CLASS = -1;

    /** @throws IllegalArgumentException naming {@code caseId}, {@code patientId} or {@code classIndex} */
    public CaseInfo {
        if (caseId == null || caseId.isBlank()) {
            throw new IllegalArgumentException("caseId must be a non-blank id, got " + quoted(caseId));
        }
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId of case " + caseId + " must be a non-blank id, got "
                    + quoted(patientId));
        }
        if (classIndex < NO_CLASS) {
            throw new IllegalArgumentException("classIndex of case " + caseId + " must be >= 0 or NO_CLASS (-1), got "
                    + classIndex);
        }
    }

    /** @return a case without a class (segmentation) */
    public static CaseInfo of(String caseId, String patientId) {
        return new CaseInfo(caseId, patientId, NO_CLASS);
    }

    /** @return whether the case has a class */
    public boolean hasClass() {
        return classIndex != NO_CLASS;
    }

    @Override
    public String toString() {
        return "case " + caseId + " (patient " + patientId + (hasClass() ? ", class " + classIndex : "") + ")";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + Objects.toString(s) + "\"";
    }
}
