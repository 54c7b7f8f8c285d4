package org.medimg4j.dicom.writer;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Makes new DICOM Unique Identifiers (UI, PS3.5 chapter 9): dotted decimal strings of at most 64 characters whose
 * components have no leading zeros.
 *
 * <h2>The project's root</h2>
 * medimg4j has no registered UID root (an organisation root from ISO/ANSI or a national body). By default it
 * therefore makes UUID-derived UIDs, {@code "2.25." + the decimal value of a 128-bit UUID} (PS3.5 B.2; ITU-T X.667):
 * the root 2.25 needs no registration and a random (version 4) UUID makes collisions negligible. A site that owns a
 * root passes it to {@link #withRoot(String)}; each UID is then that root, a dot, and a random decimal number as
 * long as the 64-character limit allows (at least {@value #MIN_SUFFIX_DIGITS} digits, about 76 bits). The
 * writer's own Implementation Class UID is fixed and UUID-derived too ({@link #IMPLEMENTATION_CLASS_UID}).
 *
 * <h2>Reproducible UIDs</h2>
 * {@link #deterministic(long)} and {@link #withRoot(String, long)} draw from a seeded generator: the same seed gives
 * the same sequence of UIDs, for tests and reproducible pipelines. Never use a fixed seed for data that leaves the
 * machine: two runs with the same seed give the same "unique" identifiers.
 *
 * <p>Thread-safe.
 */
public final class UidGenerator {

    /** The UUID-derived root (PS3.5 B.2). */
    public static final String UUID_ROOT = "2.25";

    /** The longest UID, characters (PS3.5 9.1). */
    public static final int MAX_LENGTH = 64;

    /** The fewest random digits after a caller's root (about 76 bits): a root may be at most 40 characters. */
    public static final int MIN_SUFFIX_DIGITS = 23;

    /**
     * medimg4j's Implementation Class UID (0002,0012), the same in every file it writes: {@code "2.25."} and the
     * decimal value of the name-based UUID {@code UUID.nameUUIDFromBytes("org.medimg4j.dicom.writer")}.
     */
    public static final String IMPLEMENTATION_CLASS_UID = fromUuid(
            UUID.nameUUIDFromBytes("org.medimg4j.dicom.writer".getBytes(StandardCharsets.US_ASCII)));

    private final String root;
    private final Random random;

    private UidGenerator(String root, Random random) {
        this.root = root;
        this.random = random;
    }

    /** @return a generator of {@code 2.25.<UUID>} UIDs from random (version 4) UUIDs — the default */
    public static UidGenerator uuidDerived() {
        return new UidGenerator(UUID_ROOT, new SecureRandom());
    }

    /**
     * @param seed the seed; the same seed gives the same UIDs
     * @return a generator of {@code 2.25.<UUID>} UIDs from version-4-shaped UUIDs drawn from a seeded generator
     */
    public static UidGenerator deterministic(long seed) {
        return new UidGenerator(UUID_ROOT, new Random(seed));
    }

    /**
     * @param root a registered UID root, e.g. {@code "1.2.826.0.1.3680043.9.1234"}: digits and dots, no empty
     *             component, no component with a leading zero, at most 40 characters
     * @return a generator of {@code root.<random decimal>} UIDs
     * @throws IllegalArgumentException naming "root" when it is not such a string
     */
    public static UidGenerator withRoot(String root) {
        return new UidGenerator(requireRoot(root), new SecureRandom());
    }

    /**
     * @param root a registered UID root (see {@link #withRoot(String)})
     * @param seed the seed; the same seed gives the same UIDs
     * @return a generator of {@code root.<decimal>} UIDs drawn from a seeded generator
     * @throws IllegalArgumentException naming "root" when it is not a valid root
     */
    public static UidGenerator withRoot(String root, long seed) {
        return new UidGenerator(requireRoot(root), new Random(seed));
    }

    /** @return the root every UID starts with ({@link #UUID_ROOT} unless one was given) */
    public String root() {
        return root;
    }

    /** @return a new UID, at most 64 characters */
    public String next() {
        if (UUID_ROOT.equals(root)) {
            byte[] b = new byte[16];
            synchronized (random) {
                random.nextBytes(b);
            }
            // RFC 4122 version 4 (random) and variant bits, so that the UID is a genuine UUID-derived one.
            b[6] = (byte) ((b[6] & 0x0F) | 0x40);
            b[8] = (byte) ((b[8] & 0x3F) | 0x80);
            return UUID_ROOT + "." + new BigInteger(1, b);
        }
        int digits = MAX_LENGTH - root.length() - 1;
        StringBuilder s = new StringBuilder(MAX_LENGTH).append(root).append('.');
        synchronized (random) {
            s.append((char) ('1' + random.nextInt(9)));   // no leading zero (PS3.5 9.1)
            for (int i = 1; i < digits; i++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
        }
        return s.toString();
    }

    /** @return {@code "2.25."} and the decimal value of {@code uuid}'s 128 bits (PS3.5 B.2) */
    public static String fromUuid(UUID uuid) {
        byte[] b = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return UUID_ROOT + "." + new BigInteger(1, b);
    }

    /**
     * @param uid a candidate UID
     * @return whether it is a valid UID: 1 to 64 characters, digits and dots, no empty component, no component
     *         with a leading zero (PS3.5 9.1)
     */
    public static boolean isValid(String uid) {
        return uid != null && problem(uid, MAX_LENGTH) == null;
    }

    /**
     * @param uid       a candidate UID
     * @param parameter the caller's name for it, for the message
     * @return {@code uid}
     * @throws IllegalArgumentException naming {@code parameter} and the rule broken, when {@code uid} is not valid
     */
    public static String requireValid(String uid, String parameter) {
        Objects.requireNonNull(uid, parameter);
        String p = problem(uid, MAX_LENGTH);
        if (p != null) {
            throw new IllegalArgumentException(parameter + " is not a valid DICOM UID (PS3.5 9.1): \"" + uid + "\" "
                    + p);
        }
        return uid;
    }

    private static String requireRoot(String root) {
        Objects.requireNonNull(root, "root");
        int longest = MAX_LENGTH - 1 - MIN_SUFFIX_DIGITS;
        String p = problem(root, longest);
        if (p != null) {
            throw new IllegalArgumentException("root is not a valid UID root: \"" + root + "\" " + p
                    + (root.length() > longest ? " (a root leaves room for a dot and " + MIN_SUFFIX_DIGITS
                    + " random digits within " + MAX_LENGTH + " characters)" : ""));
        }
        return root;
    }

    /** @return what is wrong with {@code uid}, or null when nothing is */
    private static String problem(String uid, int maxLength) {
        if (uid.isEmpty()) {
            return "is empty";
        }
        if (uid.length() > maxLength) {
            return "has " + uid.length() + " characters, more than " + maxLength;
        }
        int start = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                if (i == start) {
                    return "has an empty component at character " + i;
                }
                if (uid.charAt(start) == '0' && i - start > 1) {
                    return "has a component with a leading zero at character " + start;
                }
                start = i + 1;
            } else if (c < '0' || c > '9') {
                return "has '" + c + "' at character " + i + "; only digits and dots are allowed";
            }
        }
        return null;
    }
}
