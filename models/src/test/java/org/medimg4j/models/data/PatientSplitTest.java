package org.medimg4j.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatientSplitTest {

    /** 30 cases of 10 patients (3 cases each, interleaved so a split by case would mix them). */
    private static CaseDataset dataset() {
        List<ImagingCase> cases = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            ImagingCase t = TinyCases.segmentation(c, 1, 0, 0, 0, 0);
            cases.add(new ImagingCase(CaseInfo.of("c" + c, "patient-" + (c % 10)), t.image(), t.label(), null));
        }
        return InMemoryDataset.of(cases);
    }

    private static Set<String> patients(CaseDataset d) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add(d.info(i).patientId());
        }
        return s;
    }

    private static List<String> caseIds(CaseDataset d) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            s.add(d.info(i).caseId());
        }
        return s;
    }

    @Test
    void noPatientAppearsInTwoSplitsAndEveryCaseIsUsedOnce() {
        PatientSplit s = PatientSplit.of(dataset(), 0.6, 0.2, 0.2, 42);
        Set<String> tr = patients(s.train());
        Set<String> va = patients(s.validation());
        Set<String> te = patients(s.test());
        assertEquals(6, tr.size());
        assertEquals(2, va.size());
        assertEquals(2, te.size());
        Set<String> all = new HashSet<>(tr);
        all.addAll(va);
        all.addAll(te);
        assertEquals(10, all.size(), "a patient in two splits would make the union smaller");
        assertEquals(30, s.train().size() + s.validation().size() + s.test().size());
        assertEquals(18, s.train().size(), "all three cases of each training patient go to training");
    }

    @Test
    void sameSeedGivesSameSplitAnotherSeedAnother() {
        PatientSplit a = PatientSplit.of(dataset(), 0.6, 0.2, 0.2, 42);
        PatientSplit b = PatientSplit.of(dataset(), 0.6, 0.2, 0.2, 42);
        PatientSplit c = PatientSplit.of(dataset(), 0.6, 0.2, 0.2, 43);
        assertEquals(caseIds(a.train()), caseIds(b.train()));
        assertEquals(caseIds(a.validation()), caseIds(b.validation()));
        assertEquals(caseIds(a.test()), caseIds(b.test()));
        assertNotEquals(patients(a.train()), patients(c.train()));
    }

    @Test
    void splitDoesNotDependOnTheDatasetsOrder() {
        CaseDataset d = dataset();
        int[] reversed = new int[d.size()];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = reversed.length - 1 - i;
        }
        assertEquals(patients(PatientSplit.of(d, 0.5, 0.25, 0.25, 9).test()),
                patients(PatientSplit.of(d.subset(reversed), 0.5, 0.25, 0.25, 9).test()));
    }

    @Test
    void everyPositiveFractionGetsAPatient() {
        PatientSplit s = PatientSplit.of(dataset(), 0.9, 0.05, 0.05, 1);
        assertEquals(1, patients(s.validation()).size());
        assertEquals(1, patients(s.test()).size());
        assertEquals(8, patients(s.train()).size());
    }

    @Test
    void stratifiedSplitSendsTheRareClassToEveryPart() {
        // 20 patients, 4 positive; one positive patient has a second, negative case
        List<ImagingCase> cases = new ArrayList<>();
        ImagingCase t = TinyCases.segmentation(0, 1, 0, 0, 0, 0);
        for (int p = 0; p < 20; p++) {
            cases.add(new ImagingCase(new CaseInfo("c" + p, "p" + p, p < 4 ? 1 : 0), t.image(), null, null));
        }
        cases.add(new ImagingCase(new CaseInfo("c0-followup", "p0", 0), t.image(), null, null));
        CaseDataset d = InMemoryDataset.of(cases);
        for (long seed = 0; seed < 5; seed++) {
            PatientSplit s = PatientSplit.stratified(d, 0.5, 0.25, 0.25, seed);
            int[] positives = new int[3];
            List<CaseDataset> parts = List.of(s.train(), s.validation(), s.test());
            Set<String> union = new HashSet<>();
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < parts.get(k).size(); i++) {
                    if (parts.get(k).info(i).classIndex() == 1) {
                        positives[k]++;
                    }
                }
                union.addAll(patients(parts.get(k)));
            }
            assertEquals(2, positives[0], "seed " + seed);
            assertEquals(1, positives[1], "seed " + seed);
            assertEquals(1, positives[2], "seed " + seed);
            assertEquals(20, union.size(), "p0's two cases stay together");
            assertEquals(21, s.train().size() + s.validation().size() + s.test().size());
        }
        assertEquals(caseIds(PatientSplit.stratified(d, 0.5, 0.25, 0.25, 3).test()),
                caseIds(PatientSplit.stratified(d, 0.5, 0.25, 0.25, 3).test()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PatientSplit.stratified(d, 0.5, 0.5, 0.5, 1))
                .getMessage().contains("sum to 1"));
    }

    @Test
    void badFractionsAreRefusedNamingTheParameter() {
        CaseDataset d = dataset();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatientSplit.of(d, -0.1, 0.6, 0.5, 1));
        assertTrue(e.getMessage().contains("train fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PatientSplit.of(d, 0.5, Double.NaN, 0.5, 1));
        assertTrue(e.getMessage().contains("validation fraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PatientSplit.of(d, 0.5, 0.3, 0.3, 1));
        assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    }
}
