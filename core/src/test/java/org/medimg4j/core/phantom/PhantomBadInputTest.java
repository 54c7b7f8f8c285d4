package org.medimg4j.core.phantom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.medimg4j.core.geometry.Point3;
import org.medimg4j.core.volume.VolumeMetadata;
import org.medimg4j.core.volume.VoxelType;

class PhantomBadInputTest {

    private static CtPhantom.Builder ct() {
        return CtPhantom.builder().size(48, 48, 16).spacingMm(8, 8, 12);
    }

    private static void rejects(String parameter, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(parameter), "message should name " + parameter + ": " + x.getMessage());
    }

    @Test
    void nonPositiveSizeIsRejected() {
        rejects("size", () -> ct().size(0, 48, 16).build());
        rejects("size", () -> MrPhantom.builder().size(32, -1, 8).build());
    }

    @Test
    void nonPositiveSpacingIsRejected() {
        rejects("spacingMm", () -> ct().spacingMm(8, 0, 12).build());
        rejects("spacingMm", () -> ct().spacingMm(Double.NaN, 8, 12).build());
    }

    @Test
    void nonPositiveLesionRadiusIsRejected() {
        rejects("lesionRadiusMm", () -> ct().lesionRadiusMm(0, 5).build());
        rejects("lesionRadiusMm", () -> ct().lesionRadiusMm(6, 5).build());
        rejects("radiusMm", () -> Lesion.sphere(Point3.ORIGIN, -2, 100));
        rejects("radiusYMm", () -> Lesion.ellipsoid(Point3.ORIGIN, 2, 0, 2, 100));
    }

    @Test
    void lesionTooLargeForAnyOrganIsRejected() {
        rejects("lesionRadiusMm", () -> ct().lesionRadiusMm(90, 90).build().generate());
        rejects("lesionRadiusMm", () -> ChestXrayPhantom.builder().size(64, 64, 1).spacingMm(5.6, 5.6, 5.6)
                .lesionRadiusMm(80, 80).build().generate());
    }

    @Test
    void explicitLesionOutsideTheBodyIsRejected() {
        Lesion outside = Lesion.sphere(new Point3(185, 185, 0), 5, 100);
        rejects("lesions[1]", () -> ct().lesions(List.of(Lesion.sphere(Point3.ORIGIN, 8, 50), outside)).build()
                .generate());
        rejects("lesions[0]", () -> ChestXrayPhantom.builder().lesions(List.of(outside)).build().generate());
        rejects("lesions[0]", () -> MrPhantom.builder().lesions(List.of(outside)).build().generate());
        rejects("lesions[0]", () -> ChestXrayPhantom.builder()
                .lesions(List.of(Lesion.ellipsoid(Point3.ORIGIN, 5, 6, 5, 1))).build().generate());
    }

    @Test
    void negativeNoiseAndBadContrastAreRejected() {
        rejects("noiseSigmaHu", () -> ct().noiseSigmaHu(-1).build());
        rejects("noiseSigma", () -> ChestXrayPhantom.builder().noiseSigma(Double.POSITIVE_INFINITY).build());
        rejects("lesionContrastHu", () -> ct().lesionContrastHu(100, 50).build());
        rejects("noduleDensity", () -> ChestXrayPhantom.builder().noduleDensity(-1, 1).build());
        rejects("lesionContrast", () -> MrPhantom.builder().lesionContrast(Double.NaN, 1).build());
    }

    @Test
    void badCountsSitesOrientationAndTypesAreRejected() {
        rejects("lesionCount", () -> ct().lesionCount(-1).build());
        rejects("lesionCount", () -> ct().lesionCount(3, 1).build());
        rejects("lesions", () -> ct().lesionCount(1).lesions(List.of()).build());
        rejects("lesionSites", () -> ct().lesionSites(LesionSite.WHITE_MATTER).build());
        rejects("lesionSites", () -> ct().lesionSites().build());
        rejects("lesionSites", () -> ct().liver(false).lesionSites(LesionSite.LIVER).build());
        rejects("orientation", () -> ct().orientation("XYZ").build());
        rejects("orientation", () -> ChestXrayPhantom.builder().orientation("LPS").build());
        rejects("size", () -> ChestXrayPhantom.builder().size(64, 64, 2).build());
        rejects("voxelType", () -> ct().voxelType(VoxelType.UINT8).build());
        rejects("biasFieldStrength", () -> MrPhantom.builder().biasFieldStrength(0.9).build());
        rejects("contrast", () -> MrPhantom.builder().contrast(null).build());
    }

    @Test
    void badDemographicsAndVendorProfilesAreRejected() {
        rejects("ageYears", () -> new Demographics(Sex.F, -1, "VendorA"));
        rejects("sex", () -> new Demographics(null, 40, "VendorA"));
        rejects("vendor", () -> new Demographics(Sex.M, 40, " "));
        rejects("gain", () -> new VendorProfile("VendorA", 0, 0, 0));
        rejects("extraNoiseSigma", () -> new VendorProfile("VendorA", 0, 1, -1));
        rejects("offset", () -> new VendorProfile("VendorA", Double.NaN, 1, 0));
        rejects("femaleFraction", () -> DemographicsModel.builder().femaleFraction(2).vendor("A", 1).build());
        rejects("age", () -> DemographicsModel.builder().age(50, 10, 60, 40).vendor("A", 1).build());
        rejects("vendor", () -> DemographicsModel.builder().build());
        rejects("vendor weight", () -> DemographicsModel.builder().vendor("A", -1).build());
        rejects("\"age\"", () -> Demographics.from(VolumeMetadata.EMPTY.withAttribute("sex", "F")
                .withAttribute("vendor", "A")));
        rejects("\"sex\"", () -> Demographics.from(VolumeMetadata.EMPTY.withAttribute("sex", "X")
                .withAttribute("age", "3").withAttribute("vendor", "A")));
    }
}
