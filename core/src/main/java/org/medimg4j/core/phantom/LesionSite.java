package org.medimg4j.core.phantom;

/** The tissue a phantom lesion sits in; decides its default contrast and is recorded with it. */
public enum LesionSite {
    /** In a lung (CT) or a lung field (chest X-ray): a nodule. */
    LUNG,
    /** In the liver (CT). */
    LIVER,
    /** In other soft tissue of the body (CT): muscle, mediastinum, fat. */
    SOFT_TISSUE,
    /** In cerebral white matter (MR). */
    WHITE_MATTER,
    /** In grey matter (MR). */
    GREY_MATTER,
    /** Anywhere else an explicitly placed lesion's centre falls (bone, CSF, skull, ...). */
    OTHER,
    /** Not yet known: an explicit lesion before a phantom resolves its site from the tissue at its centre. */
    UNSPECIFIED
}
