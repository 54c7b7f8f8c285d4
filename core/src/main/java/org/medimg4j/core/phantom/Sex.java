package org.medimg4j.core.phantom;

/** A phantom case's sex, recorded for subgroup evaluation; written to metadata as "F" or "M". */
public enum Sex {
    /** Female. */
    F,
    /** Male. */
    M
}
