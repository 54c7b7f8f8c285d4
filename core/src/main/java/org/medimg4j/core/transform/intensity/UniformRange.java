package org.medimg4j.core.transform.intensity;

import java.util.SplittableRandom;

/**
 * A closed interval {@code [min, max]} of one parameter of a random transform, validated when built, from which
 * the parameter is drawn uniformly.
 *
 * @param min the lowest value
 * @param max the highest value, ≥ min
 */
record UniformRange(double min, double max) {

    /**
     * @param owner the transform, for the message
     * @param name  the parameter, for the message
     * @throws IllegalArgumentException naming the parameter if a bound is not finite or min &gt; max
     */
    static UniformRange of(String owner, String name, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(owner + ": " + name + " range bounds must be finite, got [" + min + ", "
                    + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException(owner + ": " + name + " range must have min <= max, got [" + min + ", "
                    + max + "]");
        }
        return new UniformRange(min, max);
    }

    /** @return a value drawn uniformly from [min, max) (exactly min when the range is a single value) */
    double draw(SplittableRandom random) {
        double u = random.nextDouble();
        return min == max ? min : min + (max - min) * u;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
