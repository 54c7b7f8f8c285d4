package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;

/**
 * Pins the exact output of one small case of each phantom: a checksum of every voxel's bits, every label and every
 * lesion. The values were computed from the code as it stood before the phantoms' shared rendering was factored
 * out, so a refactor that changes any voxel for a given seed fails here. A deliberate change to the phantoms'
 * output must update these figures, and say so in its commit.
 */
class PhantomChecksumTest {

    @Test
    void ctCaseIsBitIdenticalToThePinnedChecksum() {
        PhantomCase c = CtPhantom.builder().size(40, 36, 20).spacingMm(9, 9, 12).seed(7).lesionCount(2)
                .lesionRadiusMm(6, 10).lesionSites(LesionSite.LUNG, LesionSite.LIVER, LesionSite.SOFT_TISSUE)
                .organLabels(true).build().generate();
        assertEquals(2, c.lesions().size(), "lesions placed");
        assertEquals(-6291458240456376427L, checksum(c), "CT checksum");
    }

    @Test
    void ctCaseOnAFlippedFloatGridIsBitIdenticalToThePinnedChecksum() {
        // RAI flips two axes, so every term of the index→world matrix's sign matters
        PhantomCase c = CtPhantom.builder().size(36, 40, 16).spacingMm(10, 9, 14).orientation("RAI").seed(11)
                .voxelType(VoxelType.FLOAT32).lesionCount(1).lesionRadiusMm(8, 12)
                .vendorProfile(new VendorProfile("GE", 5, 1.02, 4)).demographics(new Demographics(Sex.F, 70, "GE"))
                .build().generate();
        assertEquals(1, c.lesions().size(), "lesions placed");
        assertEquals(9071700941632876980L, checksum(c), "flipped CT checksum");
    }

    @Test
    void chestXrayCaseIsBitIdenticalToThePinnedChecksum() {
        PhantomCase c = ChestXrayPhantom.builder().size(64, 64, 1).spacingMm(5.6, 5.6, 5.6).seed(3).lesionCount(2)
                .lesionRadiusMm(8, 14).organLabels(true).build().generate();
        assertEquals(2, c.lesions().size(), "lesions placed");
        assertEquals(3229983912858661407L, checksum(c), "chest X-ray checksum");
    }

    @Test
    void mrCaseIsBitIdenticalToThePinnedChecksum() {
        PhantomCase c = MrPhantom.builder().size(40, 44, 18).spacingMm(5.5, 5.5, 9).seed(5).contrast(MrContrast.T2)
                .biasFieldStrength(0.3).lesionCount(2).lesionRadiusMm(4, 7).organLabels(true).build().generate();
        assertEquals(2, c.lesions().size(), "lesions placed");
        assertEquals(-8111672384473019111L, checksum(c), "MR checksum");
    }

    /** FNV-1a over the voxels' raw bits, the label bytes and each lesion's centre, radii and contrast bits. */
    private static long checksum(PhantomCase c) {
        long h = 0xcbf29ce484222325L;
        Volume img = c.image();
        int n = img.voxelsPerChannel();
        if (img.voxelType() == VoxelType.FLOAT32) {
            FloatBuffer f = img.floats();
            for (int i = 0; i < n; i++) {
                h = mix(h, Float.floatToRawIntBits(f.get(i)));
            }
        } else {
            ShortBuffer s = img.shorts();
            for (int i = 0; i < n; i++) {
                h = mix(h, s.get(i));
            }
        }
        for (byte b : c.label().toByteArray()) {
            h = mix(h, b);
        }
        for (Lesion l : c.lesions()) {
            for (double d : new double[] {l.centreMm().x(), l.centreMm().y(), l.centreMm().z(), l.radiusXMm(),
                    l.radiusYMm(), l.radiusZMm(), l.contrast()}) {
                h = mix(h, Double.doubleToRawLongBits(d));
            }
            h = mix(h, l.site().ordinal());
        }
        return h;
    }

    private static long mix(long h, long v) {
        for (int b = 0; b < 8; b++) {
            h ^= (v >>> (8 * b)) & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
