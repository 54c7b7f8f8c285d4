package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.nifti.NiftiWriter;
import org.medimg4j.core.volume.LabelVolume;

class SourcedDatasetTest {

    @Test
    void niftiPairsLoadAsCasesWithTheirLabels(@TempDir Path dir) throws IOException {
        ImagingCase c = TinyCases.segmentation(0, 1, 3, 10, 12, 2);
        Path img = dir.resolve("c0.nii.gz");
        Path lab = dir.resolve("c0_seg.nii.gz");
        NiftiWriter.write(c.image(), img);
        NiftiWriter.write(c.label(), lab);
        SourcedDataset d = SourcedDataset.builder().addNifti(CaseInfo.of("c0", "p0"), img, lab)
                .addNifti(new CaseInfo("c0-class", "p0", 1), img, null).build();
        assertEquals(2, d.size());
        ImagingCase read = d.load(0);
        assertArrayEquals(c.image().toFloatArray(), read.image().toFloatArray());
        assertArrayEquals(c.label().toByteArray(), read.label().toByteArray());
        assertNull(d.load(1).label());
        assertEquals(1, d.info(1).classIndex());
        // and they flow into a sampler
        SliceSampler s = SliceSampler.builder(CaseCache.unbounded(d.subset(0))).build();
        assertEquals(3, s.foregroundSlices());
    }

    @Test
    void aDicomSeriesArrivesThroughAVolumeSource() {
        // what the application writes with imaging-dicom: () -> loader.load(candidate).volume()
        ImagingCase c = TinyCases.segmentation(2, 1, 2, 0, 0, 0);
        VolumeSource series = c::image;
        LabelSource mask = c::label;
        SourcedDataset d = SourcedDataset.builder().add(CaseInfo.of("1.2.840.1", "patient-A"), series, mask).build();
        assertEquals(2000f, d.load(0).image().get(0, 0, 0), 0f);
        assertEquals("patient-A", d.info(0).patientId());
    }

    @Test
    void unreadableOrMismatchedCasesAreReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("absent.nii");
        SourcedDataset d = SourcedDataset.builder().addNifti(CaseInfo.of("gone", "p1"), missing, null)
                .add(CaseInfo.of("skewed", "p2"), () -> TinyCases.segmentation(0, 1, 0, 0, 0, 0).image(),
                        () -> LabelVolume.empty(Geometry.of(4, 4, 4, 1, 1, 1)))
                .build();
        assertTrue(!Files.exists(missing));
        DataException e = assertThrows(DataException.class, () -> d.load(0));
        assertTrue(e.getMessage().contains("gone") && e.getMessage().contains("p1"), e.getMessage());
        e = assertThrows(DataException.class, () -> d.load(1));
        assertTrue(e.getMessage().contains("skewed") && e.getMessage().contains("label grid"), e.getMessage());
    }

    @Test
    void duplicateIdsAndBlankPatientsAreRefused() {
        VolumeSource v = () -> TinyCases.segmentation(0, 1, 0, 0, 0, 0).image();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourcedDataset.builder()
                .add(CaseInfo.of("a", "p"), v, null).add(CaseInfo.of("a", "q"), v, null).build());
        assertTrue(e.getMessage().contains("caseId a"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CaseInfo.of("a", " "));
        assertTrue(e.getMessage().contains("patientId"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CaseInfo("a", "p", -2));
        assertTrue(e.getMessage().contains("classIndex"), e.getMessage());
    }
}
