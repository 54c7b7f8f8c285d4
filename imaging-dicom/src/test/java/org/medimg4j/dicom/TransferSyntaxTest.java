package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferSyntaxTest {

    @Test
    void uncompressedSyntaxesDescribeTheirEncoding() {
        TransferSyntax implicit = TransferSyntax.forUid("1.2.840.10008.1.2").orElseThrow();
        assertFalse(implicit.isExplicitVr());
        assertEquals(ByteOrder.LITTLE_ENDIAN, implicit.byteOrder());
        assertFalse(implicit.isEncapsulated());
        TransferSyntax be = TransferSyntax.forUid("1.2.840.10008.1.2.2").orElseThrow();
        assertTrue(be.isExplicitVr());
        assertTrue(be.isBigEndian());
        assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
        TransferSyntax deflated = TransferSyntax.forUid("1.2.840.10008.1.2.1.99").orElseThrow();
        assertTrue(deflated.isDeflated());
        assertTrue(deflated.isExplicitVr());
        assertFalse(deflated.isEncapsulated());
    }

    @Test
    void compressedSyntaxesAreEncapsulatedAndTheCommonOnesDecodable() {
        for (String uid : new String[] {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
                "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5"}) {
            TransferSyntax ts = TransferSyntax.forUid(uid).orElseThrow();
            assertTrue(ts.isEncapsulated(), uid);
            assertTrue(ts.isDecodable(), uid);
            assertTrue(ts.isExplicitVr(), uid);
        }
        for (String uid : new String[] {"1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.102",
                "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.203",
                "1.2.840.10008.1.2.4.112"}) {
            TransferSyntax ts = TransferSyntax.forUid(uid).orElseThrow();
            assertTrue(ts.isEncapsulated(), uid);
            assertFalse(ts.isDecodable(), uid);
        }
    }

    @Test
    void uidsAreUniqueAndPaddingIsIgnored() {
        Set<String> uids = new HashSet<>();
        for (TransferSyntax ts : TransferSyntax.values()) {
            assertTrue(uids.add(ts.uid()), ts.uid());
        }
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.forUid("1.2.840.10008.1.2.1\0").get());
        assertEquals(TransferSyntax.RLE_LOSSLESS, TransferSyntax.forUid(" 1.2.840.10008.1.2.5 ").get());
        assertTrue(TransferSyntax.forUid(null).isEmpty());
    }

    @Test
    void unknownUidIsRefusedNamingFileAndUid() {
        DicomException e = assertThrows(DicomException.class,
                () -> TransferSyntax.require("1.2.3.4.5", "scan.dcm"));
        assertTrue(e.getMessage().contains("scan.dcm"), e.getMessage());
        assertTrue(e.getMessage().contains("1.2.3.4.5"), e.getMessage());
        assertTrue(e.getMessage().contains("(0002,0010)"), e.getMessage());
    }
}
