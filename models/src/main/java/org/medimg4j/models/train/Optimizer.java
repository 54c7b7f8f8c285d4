package org.medimg4j.models.train;

import java.util.Locale;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimiser a {@link Trainer} installs on every trainable layer: Adam or stochastic gradient descent with
 * optional (Nesterov) momentum, at a base learning rate that a {@link LearningRateSchedule} scales per epoch.
 * Immutable value type.
 *
 * @param kind         which update rule
 * @param learningRate the base learning rate, finite and &gt; 0 (dimensionless step per unit gradient)
 * @param momentum     SGD's momentum in [0, 1) (0: plain SGD); for Adam, β1 (DL4J's default 0.9)
 */
public record Optimizer(Kind kind, double learningRate, double momentum) {

    /** The update rules offered. */
    public enum Kind {
        /** Adam (Kingma and Ba 2015), β2 = 0.999, ε = 1e-8. */
        ADAM,
        /** Stochastic gradient descent, with Nesterov momentum when momentum &gt; 0. */
        SGD
    }

    /**
     * @throws IllegalArgumentException naming learningRate or momentum if out of range
     */
    public Optimizer {
        if (kind == null) {
            throw new IllegalArgumentException("Optimizer: kind must not be null");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Optimizer: learningRate must be finite and > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Optimizer: momentum must be in [0, 1), got " + momentum);
        }
    }

    /** @return Adam at {@code learningRate} (β1 0.9, β2 0.999, ε 1e-8) */
    public static Optimizer adam(double learningRate) {
        return new Optimizer(Kind.ADAM, learningRate, 0.9);
    }

    /** @return plain SGD at {@code learningRate} */
    public static Optimizer sgd(double learningRate) {
        return new Optimizer(Kind.SGD, learningRate, 0);
    }

    /** @return SGD with Nesterov momentum {@code momentum} in [0, 1) at {@code learningRate} */
    public static Optimizer sgd(double learningRate, double momentum) {
        return new Optimizer(Kind.SGD, learningRate, momentum);
    }

    /**
     * @param rate the learning rate to use (the schedule's value for the current epoch)
     * @return the DL4J updater configuration for this optimiser at {@code rate}
     */
    public IUpdater updater(double rate) {
        return switch (kind) {
            case ADAM -> new Adam(rate, momentum, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, Adam.DEFAULT_ADAM_EPSILON);
            case SGD -> momentum > 0 ? new Nesterovs(rate, momentum) : new Sgd(rate);
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "(lr=" + learningRate
                + (kind == Kind.SGD && momentum > 0 ? ", momentum=" + momentum : "") + ")";
    }
}
