package org.medimg4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantKeepsTheBaseRate() {
        assertEquals(0.01, LearningRateSchedule.constant().rate(0.01, 7, 10), 0);
    }

    @Test
    void stepHalvesEveryThreeEpochs() {
        LearningRateSchedule s = LearningRateSchedule.step(3, 0.5);
        assertEquals(0.1, s.rate(0.1, 2, 20), 1e-15);
        assertEquals(0.05, s.rate(0.1, 3, 20), 1e-15);
        assertEquals(0.025, s.rate(0.1, 7, 20), 1e-15);
    }

    @Test
    void cosineGoesFromBaseThroughMidpointTowardsTheMinimum() {
        LearningRateSchedule s = LearningRateSchedule.cosine(0.1);
        assertEquals(1.0, s.rate(1.0, 0, 10), 1e-15);
        assertEquals(0.55, s.rate(1.0, 5, 10), 1e-12);   // min + (1 − min)/2
        assertEquals(0.1, s.rate(1.0, 10, 10), 1e-12);
    }

    @Test
    void polyFollowsOneMinusTToThePower() {
        LearningRateSchedule s = LearningRateSchedule.poly(0.9);
        assertEquals(0.01, s.rate(0.01, 0, 100), 1e-15);
        assertEquals(0.01 * Math.pow(0.5, 0.9), s.rate(0.01, 50, 100), 1e-15);
    }
}
