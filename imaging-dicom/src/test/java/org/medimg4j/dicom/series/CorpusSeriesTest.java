package org.medimg4j.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.core.geometry.Geometry;
import org.medimg4j.core.volume.IntensityUnit;
import org.medimg4j.core.volume.Volume;
import org.medimg4j.core.volume.VoxelType;
import org.medimg4j.dicom.Corpus;

/**
 * Every series case of the conformance corpus, found by {@link DicomScanner} and {@link SeriesGrouper} as a user's
 * folder would be, loads to the geometry, warnings and value statistics of its expected.json, made by an
 * independent generator: size, spacing and origin within 1e-3 mm, direction within 1e-5, min / max / mean within
 * 0.01 (the mean of a filled gap is not specified). The projection X-ray goes through the loader's projection path.
 */
class CorpusSeriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ct_axial_shuffled", "ct_duplicate_positions", "ct_gantry_tilt", "ct_missing_slice",
        "ct_mixed_localizer_two_series", "ct_varying_rescale", "enhanced_ct_multiframe", "mr_oblique",
        "dx_monochrome1"})
    void loadsToTheExpectedGeometryWarningsAndValues(String name) throws IOException {
        Path dir = Corpus.root().resolve("series").resolve(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<StackCandidate> candidates = SeriesGrouper.defaults().group(
                DicomScanner.defaults().scan(dir).requireInstances());
        SeriesLoader loader = new SeriesLoader(SeriesLoadOptions.builder().threads(2).build());
        List<LoadedSeries> loaded = new ArrayList<>();
        for (StackCandidate c : candidates) {
            loaded.add(loader.load(c));
        }
        for (JsonNode e : expected.get("stacks")) {
            String uid = e.get("seriesInstanceUID").asText();
            LoadedSeries s = loaded.stream()
                    .filter(l -> l.candidate().seriesInstanceUid().equals(uid) && l.files() == e.get("files").asInt())
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": no stack for " + uid));
            check(name, e, s);
        }
    }

    @org.junit.jupiter.api.Test
    void theCreatorsWindowComesWithTheLoadedSeries() throws IOException {
        Path dir = Corpus.root().resolve("series").resolve("ct_axial_shuffled");
        LoadedSeries s = SeriesLoader.withDefaults().load(SeriesGrouper.defaults()
                .group(DicomScanner.defaults().scan(dir).requireInstances()).get(0));
        org.medimg4j.dicom.lut.VoiWindow w = s.voi().windows().get(0);
        assertEquals(40.0, w.center(), 0);
        assertEquals(400.0, w.width(), 0);
    }

    private static void check(String name, JsonNode e, LoadedSeries s) {
        Volume v = s.volume();
        Geometry g = v.geometry();
        assertEquals(e.get("size").get(0).asInt(), g.nx(), name + " nx");
        assertEquals(e.get("size").get(1).asInt(), g.ny(), name + " ny");
        assertEquals(e.get("size").get(2).asInt(), g.nz(), name + " nz");
        double[] origin = g.origin().toArray();
        double[] direction = g.direction();
        for (int a = 0; a < 3; a++) {
            assertEquals(e.get("spacing").get(a).asDouble(), g.spacing(a), 1e-3, name + " spacing " + a);
            assertEquals(e.get("origin").get(a).asDouble(), origin[a], 1e-3, name + " origin " + a);
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(e.get("direction").get(i).asDouble(), direction[i], 1e-5, name + " direction " + i);
        }
        List<String> codes = s.warnings().stream().map(StackWarning::code).toList();
        List<String> want = new ArrayList<>();
        e.get("warnings").forEach(w -> want.add(w.asText()));
        assertEquals(want, codes, name + " warnings " + s.warnings());
        for (StackWarning w : s.warnings()) {
            assertTrue(w.toString().startsWith(w.code() + ": "), w.toString());
        }
        assertEquals(e.get("modality").asText(), v.metadata().modality());
        assertEquals(e.get("seriesInstanceUID").asText(), v.metadata().seriesInstanceUid());
        assertEquals("HU".equals(e.get("units").asText()) ? IntensityUnit.HU : IntensityUnit.ARBITRARY, v.unit());
        float[] values = v.toFloatArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (float f : values) {
            min = Math.min(min, f);
            max = Math.max(max, f);
            sum += f;
        }
        assertEquals(e.get("min").asDouble(), min, 0.01, name + " min");
        assertEquals(e.get("max").asDouble(), max, 0.01, name + " max");
        if (!e.has("sizeAlternatives")) {
            assertEquals(e.get("mean").asDouble(), sum / values.length, 0.01, name + " mean");
        }
        assertFalse(Double.isNaN(sum), name + " NaN voxel");
        if (e.has("spacingSource")) {
            assertEquals(e.get("spacingSource").asText(), v.metadata().attributes().get("spacingSource"));
        }
        // integer rescales stay INT16 (decoded in place); per-slice fractional slopes and filled gaps are FLOAT32
        VoxelType type = name.equals("ct_varying_rescale") || name.equals("ct_missing_slice") ? VoxelType.FLOAT32
                : VoxelType.INT16;
        assertEquals(type, v.voxelType(), name + " voxel type");
    }
}
