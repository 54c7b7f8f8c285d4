package org.medimg4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.nifti.NiftiReader;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.dicom.series.LoadedSeries;

/** Keeps the README's series code (the tour's steps) compiling and correct: the study comes back as written. */
class DicomSeriesTourTest {

    @TempDir
    Path dir;

    @Test
    void studyWrittenAsDicomComesBackOnTheSameGridInHounsfieldUnits() throws IOException {
        LoadedSeries s = DicomSeriesTour.run(dir);
        Geometry g = s.volume().geometry();
        assertEquals(96, g.nx());
        assertEquals(32, g.nz());
        assertEquals(5.0, g.spacing(2), 1e-6);
        assertEquals(IntensityUnit.HU, s.volume().unit());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
        assertEquals(32, s.files());
        assertTrue(Files.size(dir.resolve("ct.tif")) > 96 * 96 * 32, "the ImageJ stack holds every slice");
        assertTrue(NiftiReader.read(dir.resolve("ct.nii.gz")).geometry().equalsWithin(g, 1e-3));
    }
}
