package org.medimg4j.dicom;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A DICOM transfer syntax (PS3.5 section 10 and Annex A): how the data set is encoded (implicit or explicit VR, byte
 * order, deflate) and whether Pixel Data is native or encapsulated (compressed, PS3.5 A.4).
 *
 * <p>{@link #isDecodable()} says whether medimg4j's pixel layer means to decode a syntax's pixel data; the others
 * (MPEG, HEVC, HTJ2K, JPEG XL, retired JPEG processes, JPIP...) are recognised, their data sets parse, and their
 * encapsulated fragments can be read, but their frames are not decoded. A UID that names none of these is refused
 * with a {@link DicomException} ({@link #require(String, String)}).
 */
public enum TransferSyntax {
    /** Implicit VR Little Endian, the default transfer syntax (PS3.5 A.1). */
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", Flags.IMPLICIT_NATIVE),
    /** Explicit VR Little Endian (PS3.5 A.2). */
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Flags.NATIVE),
    /** Encapsulated Uncompressed Explicit VR Little Endian: one native frame per fragment (PS3.5 A.4.11). */
    ENCAPSULATED_UNCOMPRESSED("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian",
            Flags.ENCAPSULATED_OTHER),
    /** Deflated Explicit VR Little Endian: the data set after the meta group is a raw deflate stream (PS3.5 A.5). */
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian",
            Flags.DEFLATED),
    /** Explicit VR Big Endian (retired; PS3.5 A.3). */
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Flags.BIG_ENDIAN),
    /** JPEG Baseline (Process 1), 8-bit lossy. */
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Flags.ENCAPSULATED),
    /** JPEG Extended (Process 2 and 4), 12-bit lossy. */
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", Flags.ENCAPSULATED),
    /** JPEG Extended (Process 3 and 5), retired. */
    JPEG_EXTENDED_3_5("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5)", Flags.ENCAPSULATED_OTHER),
    /** JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8), retired. */
    JPEG_SPECTRAL_6_8("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Spectral Selection, Non-Hierarchical (Process 7 and 9), retired. */
    JPEG_SPECTRAL_7_9("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Full Progression, Non-Hierarchical (Process 10 and 12), retired. */
    JPEG_PROGRESSIVE_10_12("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Full Progression, Non-Hierarchical (Process 11 and 13), retired. */
    JPEG_PROGRESSIVE_11_13("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Lossless, Non-Hierarchical (Process 14), any predictor. */
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Flags.ENCAPSULATED),
    /** JPEG Lossless, Non-Hierarchical (Process 15), retired. */
    JPEG_LOSSLESS_15("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Extended, Hierarchical (Process 16 and 18), retired. */
    JPEG_HIERARCHICAL_16_18("1.2.840.10008.1.2.4.59", "JPEG Extended, Hierarchical (Process 16 & 18)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Extended, Hierarchical (Process 17 and 19), retired. */
    JPEG_HIERARCHICAL_17_19("1.2.840.10008.1.2.4.60", "JPEG Extended, Hierarchical (Process 17 & 19)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Spectral Selection, Hierarchical (Process 20 and 22), retired. */
    JPEG_HIERARCHICAL_20_22("1.2.840.10008.1.2.4.61", "JPEG Spectral Selection, Hierarchical (Process 20 & 22)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Spectral Selection, Hierarchical (Process 21 and 23), retired. */
    JPEG_HIERARCHICAL_21_23("1.2.840.10008.1.2.4.62", "JPEG Spectral Selection, Hierarchical (Process 21 & 23)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Full Progression, Hierarchical (Process 24 and 26), retired. */
    JPEG_HIERARCHICAL_24_26("1.2.840.10008.1.2.4.63", "JPEG Full Progression, Hierarchical (Process 24 & 26)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Full Progression, Hierarchical (Process 25 and 27), retired. */
    JPEG_HIERARCHICAL_25_27("1.2.840.10008.1.2.4.64", "JPEG Full Progression, Hierarchical (Process 25 & 27)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Lossless, Hierarchical (Process 28), retired. */
    JPEG_HIERARCHICAL_28("1.2.840.10008.1.2.4.65", "JPEG Lossless, Hierarchical (Process 28)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Lossless, Hierarchical (Process 29), retired. */
    JPEG_HIERARCHICAL_29("1.2.840.10008.1.2.4.66", "JPEG Lossless, Hierarchical (Process 29)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction",
            Flags.ENCAPSULATED),
    /** JPEG-LS Lossless. */
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Flags.ENCAPSULATED),
    /** JPEG-LS Lossy (Near-Lossless). */
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", Flags.ENCAPSULATED),
    /** JPEG 2000 Image Compression (Lossless Only). */
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", Flags.ENCAPSULATED),
    /** JPEG 2000 Image Compression (lossless or lossy). */
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", Flags.ENCAPSULATED),
    /** JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only). */
    JPEG_2000_MC_LOSSLESS("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)",
            Flags.ENCAPSULATED_OTHER),
    /** JPEG 2000 Part 2 Multi-component Image Compression. */
    JPEG_2000_MC("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", Flags.ENCAPSULATED_OTHER),
    /** JPIP Referenced: the pixels are fetched from a JPIP server, the data set holds no Pixel Data. */
    JPIP_REFERENCED("1.2.840.10008.1.2.4.94", "JPIP Referenced", Flags.NATIVE_OTHER),
    /** JPIP Referenced Deflate: as {@link #JPIP_REFERENCED}, data set deflated. */
    JPIP_REFERENCED_DEFLATE("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", Flags.DEFLATED_OTHER),
    /** MPEG2 Main Profile / Main Level. */
    MPEG2_MPML("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", Flags.ENCAPSULATED_OTHER),
    /** MPEG2 Main Profile / High Level. */
    MPEG2_MPHL("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", Flags.ENCAPSULATED_OTHER),
    /** MPEG-4 AVC/H.264 High Profile / Level 4.1. */
    MPEG4_HP41("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", Flags.ENCAPSULATED_OTHER),
    /** MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1. */
    MPEG4_HP41_BD("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1",
            Flags.ENCAPSULATED_OTHER),
    /** MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video. */
    MPEG4_HP42_2D("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video",
            Flags.ENCAPSULATED_OTHER),
    /** MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video. */
    MPEG4_HP42_3D("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video",
            Flags.ENCAPSULATED_OTHER),
    /** MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2. */
    MPEG4_STEREO_HP42("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2",
            Flags.ENCAPSULATED_OTHER),
    /** HEVC/H.265 Main Profile / Level 5.1. */
    HEVC_MP51("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", Flags.ENCAPSULATED_OTHER),
    /** HEVC/H.265 Main 10 Profile / Level 5.1. */
    HEVC_M10P51("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", Flags.ENCAPSULATED_OTHER),
    /** JPEG XL Lossless. */
    JPEG_XL_LOSSLESS("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", Flags.ENCAPSULATED_OTHER),
    /** JPEG XL JPEG Recompression. */
    JPEG_XL_RECOMPRESSION("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", Flags.ENCAPSULATED_OTHER),
    /** JPEG XL. */
    JPEG_XL("1.2.840.10008.1.2.4.112", "JPEG XL", Flags.ENCAPSULATED_OTHER),
    /** High-Throughput JPEG 2000 Image Compression (Lossless Only). */
    HTJ2K_LOSSLESS("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)",
            Flags.ENCAPSULATED_OTHER),
    /** High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only). */
    HTJ2K_LOSSLESS_RPCL("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)",
            Flags.ENCAPSULATED_OTHER),
    /** High-Throughput JPEG 2000 Image Compression. */
    HTJ2K("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", Flags.ENCAPSULATED_OTHER),
    /** JPIP HTJ2K Referenced. */
    JPIP_HTJ2K_REFERENCED("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", Flags.NATIVE_OTHER),
    /** JPIP HTJ2K Referenced Deflate. */
    JPIP_HTJ2K_REFERENCED_DEFLATE("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate",
            Flags.DEFLATED_OTHER),
    /** RLE Lossless (PS3.5 Annex G). */
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", Flags.ENCAPSULATED),
    /** Deflated Image Frame Compression: each frame a deflate stream (PS3.5 A.4.15). */
    DEFLATED_IMAGE_FRAME("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", Flags.ENCAPSULATED_OTHER),
    /** Papyrus 3 Implicit VR Little Endian (retired): encoded as {@link #IMPLICIT_VR_LITTLE_ENDIAN}. */
    PAPYRUS_3_IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.20", "Papyrus 3 Implicit VR Little Endian",
            Flags.IMPLICIT_NATIVE);

    /** Encoding properties, as bits, to keep the constant list readable. */
    private static final class Flags {
        static final int EXPLICIT = 1;
        static final int BIG = 2;
        static final int DEFLATE = 4;
        static final int ENCAPS = 8;
        static final int DECODE = 16;

        static final int IMPLICIT_NATIVE = DECODE;
        static final int NATIVE = EXPLICIT | DECODE;
        static final int NATIVE_OTHER = EXPLICIT;
        static final int BIG_ENDIAN = EXPLICIT | BIG | DECODE;
        static final int DEFLATED = EXPLICIT | DEFLATE | DECODE;
        static final int DEFLATED_OTHER = EXPLICIT | DEFLATE;
        static final int ENCAPSULATED = EXPLICIT | ENCAPS | DECODE;
        static final int ENCAPSULATED_OTHER = EXPLICIT | ENCAPS;
    }

    private static final Map<String, TransferSyntax> BY_UID = new HashMap<>();

    static {
        for (TransferSyntax ts : values()) {
            BY_UID.put(ts.uid, ts);
        }
    }

    private final String uid;
    private final String description;
    private final int flags;

    TransferSyntax(String uid, String description, int flags) {
        this.uid = uid;
        this.description = description;
        this.flags = flags;
    }

    /** @return the UID, e.g. "1.2.840.10008.1.2.1" */
    public String uid() {
        return uid;
    }

    /** @return the standard's name, e.g. "Explicit VR Little Endian" */
    public String description() {
        return description;
    }

    /** @return whether the data set carries explicit VRs (all but the implicit VR syntaxes) */
    public boolean isExplicitVr() {
        return (flags & Flags.EXPLICIT) != 0;
    }

    /** @return whether the data set is big endian (only the retired Explicit VR Big Endian) */
    public boolean isBigEndian() {
        return (flags & Flags.BIG) != 0;
    }

    /** @return the byte order of the data set's binary values */
    public ByteOrder byteOrder() {
        return isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** @return whether the data set after the file meta group is a raw deflate stream (RFC 1951) */
    public boolean isDeflated() {
        return (flags & Flags.DEFLATE) != 0;
    }

    /** @return whether Pixel Data is encapsulated: fragments in items of an undefined-length element (PS3.5 A.4) */
    public boolean isEncapsulated() {
        return (flags & Flags.ENCAPS) != 0;
    }

    /**
     * @return whether medimg4j means to decode this syntax's pixel data (native, deflated, big endian, JPEG
     *         baseline/extended/lossless, JPEG-LS, JPEG 2000, RLE); false for syntaxes it only recognises
     */
    public boolean isDecodable() {
        return (flags & Flags.DECODE) != 0;
    }

    /**
     * @param uid a transfer syntax UID; trailing NUL and spaces are ignored
     * @return the transfer syntax, if {@code uid} is a known one
     */
    public static Optional<TransferSyntax> forUid(String uid) {
        if (uid == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_UID.get(trimUid(uid)));
    }

    /**
     * @param uid        a transfer syntax UID
     * @param sourceName the file or stream it comes from, for the message
     * @return the transfer syntax
     * @throws DicomException naming the source and the UID when the UID is unknown
     */
    public static TransferSyntax require(String uid, String sourceName) throws DicomException {
        Optional<TransferSyntax> ts = forUid(uid);
        if (ts.isEmpty()) {
            throw new DicomException(sourceName + ": (0002,0010) TransferSyntaxUID: unknown transfer syntax \""
                    + (uid == null ? "" : trimUid(uid)) + "\"");
        }
        return ts.get();
    }

    private static String trimUid(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == 0 || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && uid.charAt(start) == ' ') {
            start++;
        }
        return uid.substring(start, end);
    }

    @Override
    public String toString() {
        return description + " (" + uid + ")";
    }
}
