package org.medimg4j.dicom.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UidGeneratorTest {

    @Test
    void defaultUidsAreUuidDerivedUnderTwoDotTwentyFive() {
        UidGenerator g = UidGenerator.uuidDerived();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String uid = g.next();
            assertTrue(uid.startsWith("2.25."), uid);
            assertTrue(UidGenerator.isValid(uid), uid);
            assertTrue(uid.length() <= 64, uid);
            BigInteger value = new BigInteger(uid.substring(5));
            assertTrue(value.bitLength() <= 128, uid);
            // version 4 and RFC 4122 variant bits
            assertEquals(4, value.shiftRight(76).intValue() & 0xF, uid);
            assertEquals(2, value.shiftRight(62).intValue() & 0x3, uid);
            assertTrue(seen.add(uid), "duplicate " + uid);
        }
    }

    @Test
    void sameSeedGivesSameUidsDifferentSeedDifferent() {
        UidGenerator a = UidGenerator.deterministic(42);
        UidGenerator b = UidGenerator.deterministic(42);
        UidGenerator c = UidGenerator.deterministic(43);
        for (int i = 0; i < 5; i++) {
            String ua = a.next();
            assertEquals(ua, b.next());
            assertNotEquals(ua, c.next());
        }
    }

    @Test
    void rootedUidsFillSixtyFourCharactersWithoutLeadingZero() {
        UidGenerator g = UidGenerator.withRoot("1.2.826.0.1.3680043.9.1234", 5);
        assertEquals("1.2.826.0.1.3680043.9.1234", g.root());
        for (int i = 0; i < 200; i++) {
            String uid = g.next();
            assertEquals(64, uid.length(), uid);
            assertTrue(uid.startsWith("1.2.826.0.1.3680043.9.1234."), uid);
            assertTrue(UidGenerator.isValid(uid), uid);
        }
        assertEquals(UidGenerator.withRoot("1.2.3", 9).next(), UidGenerator.withRoot("1.2.3", 9).next());
    }

    @Test
    void invalidRootsAreRefusedNamingTheRoot() {
        for (String bad : new String[] {"1.2.03", "1..2", "1.2.", ".1.2", "1.2a", "", "1.2.840.99999999999999999999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> UidGenerator.withRoot(bad), bad);
            assertTrue(e.getMessage().startsWith("root is not a valid UID root"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> UidGenerator.withRoot(null));
    }

    @Test
    void validationFollowsPs35Section9() {
        assertTrue(UidGenerator.isValid("1.2.840.10008.1.2.1"));
        assertTrue(UidGenerator.isValid("2.25.0"));
        assertFalse(UidGenerator.isValid("1.2.840.010008"));
        assertFalse(UidGenerator.isValid("1.2." + "1".repeat(61)));
        assertFalse(UidGenerator.isValid(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UidGenerator.requireValid("1.2.x", "studyInstanceUid"));
        assertTrue(e.getMessage().startsWith("studyInstanceUid is not a valid DICOM UID"), e.getMessage());
    }

    @Test
    void implementationClassUidIsTheDocumentedNameBasedUuid() {
        UUID u = UUID.nameUUIDFromBytes("org.medimg4j.dicom.writer".getBytes(StandardCharsets.US_ASCII));
        String expected = "2.25." + new BigInteger(u.toString().replace("-", ""), 16);
        assertEquals(expected, UidGenerator.IMPLEMENTATION_CLASS_UID);
        assertEquals(expected, UidGenerator.fromUuid(u));
        assertTrue(UidGenerator.isValid(expected));
    }
}
