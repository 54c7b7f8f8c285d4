package org.medimg4j.models.bundle;

/**
 * Where the network is in the bundle and its fingerprint.
 *
 * @param entry  the zip entry holding the DL4J ModelSerializer file
 * @param sha256 the SHA-256 of that entry's bytes, 64 lower-case hex digits
 * @param bytes  the entry's size, bytes
 */
public record WeightsEntry(String entry, String sha256, long bytes) {
}
