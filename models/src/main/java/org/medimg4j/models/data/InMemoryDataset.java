package org.medimg4j.models.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.medimg4j.core.phantom.PhantomCase;

/**
 * A dataset of cases already in memory as {@code core} volumes (and labels): what tests, phantoms and callers who
 * load volumes themselves use. Immutable; case ids must be unique.
 */
public final class InMemoryDataset implements CaseDataset {

    private final List<ImagingCase> cases;

    private InMemoryDataset(List<ImagingCase> cases) {
        this.cases = List.copyOf(cases);
        Set<String> ids = new HashSet<>();
        for (ImagingCase c : this.cases) {
            if (!ids.add(c.info().caseId())) {
                throw new IllegalArgumentException("cases: case id " + c.info().caseId() + " appears twice");
            }
        }
    }

    /**
     * @param cases the cases, in order
     * @throws IllegalArgumentException naming {@code cases} if a case id appears twice
     */
    public static InMemoryDataset of(List<ImagingCase> cases) {
        return new InMemoryDataset(Objects.requireNonNull(cases, "cases"));
    }

    /** @return phantom cases as a dataset, each through {@link ImagingCase#ofPhantom} */
    public static InMemoryDataset ofPhantoms(List<PhantomCase> phantoms) {
        return new InMemoryDataset(phantoms.stream().map(ImagingCase::ofPhantom).toList());
    }

    @Override
    public int size() {
        return cases.size();
    }

    @Override
    public CaseInfo info(int index) {
        return cases.get(index).info();
    }

    @Override
    public ImagingCase load(int index) {
        return cases.get(index);
    }
}
