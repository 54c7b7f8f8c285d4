package org.medimg4j.dicom.crosscheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medimg4j.dicom.series.DicomScanner;
import org.medimg4j.dicom.series.LoadedSeries;
import org.medimg4j.dicom.series.SeriesGrouper;
import org.medimg4j.dicom.series.SeriesLoadOptions;
import org.medimg4j.dicom.series.SeriesLoader;
import org.medimg4j.dicom.series.StackCandidate;

/**
 * Test fixture: the library's whole read path on a folder, as a user calls it — {@link DicomScanner} (metadata-only
 * scan), {@link SeriesGrouper#defaults()}, then a lenient {@link SeriesLoader} on every candidate. Two threads: the
 * build machine is shared.
 */
final class SeriesFolder {

    private SeriesFolder() {
    }

    /** @return every stack found under {@code dir}, loaded, in the grouper's order */
    static List<LoadedSeries> load(Path dir) throws IOException {
        List<StackCandidate> candidates = SeriesGrouper.defaults()
                .group(DicomScanner.builder().threads(2).build().scan(dir).requireInstances());
        SeriesLoader loader = new SeriesLoader(SeriesLoadOptions.builder().threads(2).build());
        List<LoadedSeries> loaded = new ArrayList<>(candidates.size());
        for (StackCandidate c : candidates) {
            loaded.add(loader.load(c));
        }
        return loaded;
    }

    /** @return the one stack found under {@code dir}; fails when there are several or none */
    static LoadedSeries loadOne(Path dir) throws IOException {
        List<LoadedSeries> all = load(dir);
        if (all.size() != 1) {
            throw new AssertionError("expected one stack under " + dir + ", found " + all.size() + ": "
                    + all.stream().map(s -> s.candidate().describe() + " " + s.volume().geometry()).toList());
        }
        return all.get(0);
    }
}
