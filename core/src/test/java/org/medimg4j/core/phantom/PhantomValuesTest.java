package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.VolumeMetadata;

class PhantomValuesTest {

    @Test
    void defaultDemographicsFollowTheDocumentedDistribution() {
        PhantomRandom r = new PhantomRandom(1234);
        int n = 20000;
        int female = 0;
        double ageSum = 0;
        Map<String, Integer> vendors = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Demographics d = DemographicsModel.DEFAULT.draw(r);
            female += d.sex() == Sex.F ? 1 : 0;
            assertTrue(d.ageYears() >= 18 && d.ageYears() <= 90, "age " + d.ageYears());
            ageSum += d.ageYears();
            vendors.merge(d.vendor(), 1, Integer::sum);
        }
        assertEquals(0.5, female / (double) n, 0.02);
        assertEquals(55, ageSum / n, 1.0);
        assertEquals(0.5, vendors.get("VendorA") / (double) n, 0.02);
        assertEquals(0.3, vendors.get("VendorB") / (double) n, 0.02);
        assertEquals(0.2, vendors.get("VendorC") / (double) n, 0.02);
        assertEquals(3, vendors.size());
    }

    @Test
    void customModelDrawsOnlyItsVendorsInItsProportions() {
        DemographicsModel m = DemographicsModel.builder().femaleFraction(1).age(70, 0, 70, 70).vendor("X", 1)
                .vendor("Y", 3).build();
        PhantomRandom r = new PhantomRandom(9);
        int y = 0;
        for (int i = 0; i < 4000; i++) {
            Demographics d = m.draw(r);
            assertEquals(Sex.F, d.sex());
            assertEquals(70, d.ageYears());
            y += d.vendor().equals("Y") ? 1 : 0;
        }
        assertEquals(0.75, y / 4000.0, 0.03);
        assertEquals(java.util.List.of("VendorA"), DemographicsModel.singleVendor("VendorA").vendors());
    }

    @Test
    void demographicsRoundTripThroughMetadata() {
        Demographics d = new Demographics(Sex.M, 44, "VendorB");
        VolumeMetadata m = d.addTo(VolumeMetadata.ofModality("CT"));
        assertEquals("M", m.attributes().get(Demographics.ATTR_SEX));
        assertEquals("44", m.attributes().get(Demographics.ATTR_AGE));
        assertEquals("VendorB", m.attributes().get(Demographics.ATTR_VENDOR));
        assertEquals(d, Demographics.from(m));
    }

    @Test
    void lesionVolumeIsTheAnalyticEllipsoidVolume() {
        Lesion e = Lesion.ellipsoid(Point3.ORIGIN, 10, 5, 2, 100);
        assertEquals(4.0 / 3.0 * Math.PI * 100, e.volumeMm3(), 1e-9);
        assertEquals(4.0 / 3.0 * Math.PI * 100 / 1000, e.volumeMl(), 1e-12);
        assertEquals(2 * Math.cbrt(100), e.equivalentDiameterMm(), 1e-12);
        assertEquals(LesionSite.UNSPECIFIED, e.site());
        assertTrue(e.contains(new Point3(9.9, 0, 0)));
        assertFalse(e.contains(new Point3(0, 5.1, 0)));
    }

    @Test
    void neutralVendorProfileChangesNothing() {
        assertTrue(VendorProfile.neutral("VendorA").isNeutral());
        assertFalse(new VendorProfile("VendorA", 1, 1, 0).isNeutral());
    }

    @Test
    void gaussianDeviatesHaveZeroMeanAndUnitVariance() {
        PhantomRandom r = new PhantomRandom(77);
        int n = 200_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double g = r.gaussian();
            sum += g;
            sum2 += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sum2 / n, 0.01);
    }

    @Test
    void seriesUidIsAValidReproducibleUidUnderThe225Root() {
        String uid = Acquisition.seriesUid(CtPhantom.KIND, 42);
        assertEquals(uid, Acquisition.seriesUid(CtPhantom.KIND, 42));
        assertFalse(uid.equals(Acquisition.seriesUid(CtPhantom.KIND, 43)));
        assertTrue(uid.matches("2\\.25\\.[1-9][0-9]*") && uid.length() <= 64, uid);
    }
}
