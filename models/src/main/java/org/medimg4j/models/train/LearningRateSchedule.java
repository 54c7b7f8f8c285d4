package org.medimg4j.models.train;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch, as a factor of the {@link Optimizer}'s base rate. The
 * {@link Trainer} applies it once at the start of each epoch ({@code ComputationGraph.setLearningRate}), not per
 * iteration: the rate is then a pure function of the epoch number, so a resumed run uses exactly the rate the
 * uninterrupted run would have, without depending on DL4J's iteration counter or on how many batches an epoch
 * had. (DL4J's own {@code ISchedule} is not used for that reason.) Immutable value type.
 *
 * <ul>
 *   <li>constant: {@code base};</li>
 *   <li>step: {@code base · gamma^⌊epoch / stepEpochs⌋};</li>
 *   <li>cosine: {@code min + (base − min) · (1 + cos(π · epoch / epochs)) / 2}, from base at epoch 0 towards
 *       {@code min} at the last epoch;</li>
 *   <li>poly: {@code base · (1 − epoch / epochs)^power} (nnU-Net uses power 0.9).</li>
 * </ul>
 * Epochs count from 0; {@code epochs} is the trainer's maximum number of epochs.
 *
 * @param kind       which formula
 * @param stepEpochs step: epochs between decays (≥ 1); unused otherwise
 * @param factor     step: gamma in (0, 1]; cosine: the final rate as a fraction of the base in [0, 1); poly: the
 *                   power, &gt; 0; unused for constant
 */
public record LearningRateSchedule(Kind kind, int stepEpochs, double factor) {

    /** The schedule formulas. */
    public enum Kind {
        /** The base rate throughout. */
        CONSTANT,
        /** Multiplied by gamma every stepEpochs. */
        STEP,
        /** Half a cosine from the base rate down to a minimum. */
        COSINE,
        /** Polynomial decay to 0. */
        POLY
    }

    /** @throws IllegalArgumentException naming the parameter out of range */
    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("LearningRateSchedule: kind must not be null");
        }
        switch (kind) {
            case STEP -> {
                if (stepEpochs < 1) {
                    throw new IllegalArgumentException("LearningRateSchedule.step: stepEpochs must be >= 1, got "
                            + stepEpochs);
                }
                if (!(factor > 0 && factor <= 1)) {
                    throw new IllegalArgumentException("LearningRateSchedule.step: gamma must be in (0, 1], got "
                            + factor);
                }
            }
            case COSINE -> {
                if (!(factor >= 0 && factor < 1)) {
                    throw new IllegalArgumentException("LearningRateSchedule.cosine: minFraction must be in [0, 1), "
                            + "got " + factor);
                }
            }
            case POLY -> {
                if (!(factor > 0) || !Double.isFinite(factor)) {
                    throw new IllegalArgumentException("LearningRateSchedule.poly: power must be finite and > 0, got "
                            + factor);
                }
            }
            case CONSTANT -> { }
        }
    }

    /** @return the base rate throughout */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 1, 1);
    }

    /** @return the base rate times {@code gamma} every {@code stepEpochs} epochs */
    public static LearningRateSchedule step(int stepEpochs, double gamma) {
        return new LearningRateSchedule(Kind.STEP, stepEpochs, gamma);
    }

    /** @return cosine annealing from the base rate to {@code minFraction · base} over the trainer's epochs */
    public static LearningRateSchedule cosine(double minFraction) {
        return new LearningRateSchedule(Kind.COSINE, 1, minFraction);
    }

    /** @return polynomial decay {@code (1 − epoch/epochs)^power} over the trainer's epochs */
    public static LearningRateSchedule poly(double power) {
        return new LearningRateSchedule(Kind.POLY, 1, power);
    }

    /**
     * @param baseRate the optimiser's base learning rate
     * @param epoch    the epoch about to run, from 0
     * @param epochs   the maximum number of epochs, &gt; 0
     * @return the learning rate for {@code epoch}
     */
    public double rate(double baseRate, int epoch, int epochs) {
        double t = Math.min(1.0, (double) epoch / epochs);
        return switch (kind) {
            case CONSTANT -> baseRate;
            case STEP -> baseRate * Math.pow(factor, epoch / stepEpochs);
            case COSINE -> baseRate * (factor + (1 - factor) * (1 + Math.cos(Math.PI * t)) / 2);
            case POLY -> baseRate * Math.pow(1 - t, factor);
        };
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CONSTANT -> k;
            case STEP -> k + "(every " + stepEpochs + " epochs x" + factor + ")";
            case COSINE -> k + "(min " + factor + " of base)";
            case POLY -> k + "(power " + factor + ")";
        };
    }
}
