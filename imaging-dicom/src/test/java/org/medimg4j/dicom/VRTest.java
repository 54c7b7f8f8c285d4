package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VRTest {

    @Test
    void everyVrOfTheCurrentStandardIsThere() {
        assertEquals(34, VR.values().length);
        String all = "AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US"
                + " UT UV";
        for (String name : all.split(" ")) {
            assertSame(VR.valueOf(name), VR.fromName(name));
        }
    }

    @Test
    void longLengthHeaderFormIsExactlyPs35Table() {
        Set<VR> expected = EnumSet.of(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.UC, VR.UN, VR.UR, VR.UT,
                VR.SV, VR.UV);
        for (VR vr : VR.values()) {
            assertEquals(expected.contains(vr), vr.hasLongLength(), vr.name());
            assertEquals(expected.contains(vr) ? 12 : 8, vr.explicitHeaderLength(), vr.name());
        }
    }

    @Test
    void paddingIsSpaceForTextNulForUidAndBinary() {
        assertEquals(' ', VR.PN.paddingByte());
        assertEquals(' ', VR.DS.paddingByte());
        assertEquals(0, VR.UI.paddingByte());
        assertEquals(0, VR.OB.paddingByte());
        assertEquals(0, VR.US.paddingByte());
    }

    @Test
    void bytesPerValueAndSwapUnit() {
        assertEquals(2, VR.US.bytesPerValue());
        assertEquals(4, VR.AT.bytesPerValue());
        assertEquals(2, VR.AT.byteSwapUnit());
        assertEquals(8, VR.FD.bytesPerValue());
        assertEquals(8, VR.SV.bytesPerValue());
        assertEquals(8, VR.OV.byteSwapUnit());
        assertEquals(2, VR.OW.byteSwapUnit());
        assertEquals(1, VR.OB.byteSwapUnit());
        assertEquals(0, VR.LO.bytesPerValue());
    }

    @Test
    void textKindsAndCharacterSetUse() {
        assertTrue(VR.LO.isText());
        assertFalse(VR.OB.isText());
        assertTrue(VR.OB.isBinary());
        assertFalse(VR.SQ.isBinary());
        assertTrue(VR.CS.isMultiValuedText());
        assertFalse(VR.LT.isMultiValuedText());
        assertFalse(VR.UR.isMultiValuedText());
        assertTrue(VR.UC.isMultiValuedText());
        for (VR vr : VR.values()) {
            boolean expected = Set.of(VR.SH, VR.LO, VR.UC, VR.ST, VR.LT, VR.UT, VR.PN).contains(vr);
            assertEquals(expected, vr.usesSpecificCharacterSet(), vr.name());
        }
    }

    @Test
    void fromBytesRejectsWhatIsNotAVr() {
        assertSame(VR.OB, VR.fromBytes('O', 'B'));
        assertNull(VR.fromBytes('O', 'X'));
        assertNull(VR.fromBytes(0x0A, 0x00));
        assertNull(VR.fromBytes('o', 'b'));
        assertNull(VR.fromName("P"));
        assertEquals(0x4F42, VR.OB.code());
    }
}
