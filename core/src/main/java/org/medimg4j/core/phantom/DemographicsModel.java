package org.medimg4j.core.phantom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution phantom demographics are drawn from, so that a data set has known subgroup proportions.
 * Immutable; draws in a fixed order (sex, age, vendor) from the case's demographics stream.
 *
 * <ul>
 *   <li>sex: F with probability {@code femaleFraction}, else M;</li>
 *   <li>age: normal with mean {@code ageMeanYears} and standard deviation {@code ageSdYears}, truncated to
 *       [{@code ageMinYears}, {@code ageMaxYears}] by redrawing (up to 64 times, then clamping), rounded to whole
 *       years;</li>
 *   <li>vendor: a categorical draw with the given weights (normalised to sum 1).</li>
 * </ul>
 *
 * {@link #DEFAULT}: F 50 %; age N(55, 15²) truncated to 18..90; VendorA 50 %, VendorB 30 %, VendorC 20 %.
 */
public final class DemographicsModel {

    /** F 50 %; age N(55, 15) on 18..90 years; VendorA 50 %, VendorB 30 %, VendorC 20 %. */
    public static final DemographicsModel DEFAULT = builder().femaleFraction(0.5).age(55, 15, 18, 90)
            .vendor("VendorA", 0.5).vendor("VendorB", 0.3).vendor("VendorC", 0.2).build();

    private final double femaleFraction;
    private final double ageMeanYears;
    private final double ageSdYears;
    private final int ageMinYears;
    private final int ageMaxYears;
    private final String[] vendors;
    /** cumulative, normalised: vendor v is drawn when u &lt; cumulative[v] */
    private final double[] cumulative;

    private DemographicsModel(Builder b) {
        this.femaleFraction = b.femaleFraction;
        this.ageMeanYears = b.ageMean;
        this.ageSdYears = b.ageSd;
        this.ageMinYears = b.ageMin;
        this.ageMaxYears = b.ageMax;
        this.vendors = b.vendorWeights.keySet().toArray(new String[0]);
        this.cumulative = new double[vendors.length];
        double total = 0;
        for (double w : b.vendorWeights.values()) {
            total += w;
        }
        double run = 0;
        for (int v = 0; v < vendors.length; v++) {
            run += b.vendorWeights.get(vendors[v]);
            cumulative[v] = run / total;
        }
        cumulative[vendors.length - 1] = 1.0;
    }

    /** @return a builder with no vendors, F 50 % and age N(55, 15) on 18..90 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a model like {@link #DEFAULT} whose cases all come from {@code vendor} */
    public static DemographicsModel singleVendor(String vendor) {
        return builder().vendor(vendor, 1).build();
    }

    /** @return the probability of F */
    public double femaleFraction() {
        return femaleFraction;
    }

    /** @return the vendor names in the order given */
    public List<String> vendors() {
        return List.of(vendors);
    }

    Demographics draw(PhantomRandom r) {
        Sex sex = r.nextDouble() < femaleFraction ? Sex.F : Sex.M;
        double age = Double.NaN;
        for (int attempt = 0; attempt < 64; attempt++) {
            double a = ageMeanYears + ageSdYears * r.gaussian();
            if (a >= ageMinYears && a <= ageMaxYears) {
                age = a;
                break;
            }
        }
        if (Double.isNaN(age)) {
            age = Math.min(ageMaxYears, Math.max(ageMinYears, ageMeanYears));
        }
        double u = r.nextDouble();
        int v = 0;
        while (u >= cumulative[v]) {
            v++;
        }
        return new Demographics(sex, (int) Math.round(age), vendors[v]);
    }

    /** Builds a {@link DemographicsModel}; {@link #build()} validates and names the parameter at fault. */
    public static final class Builder {
        private double femaleFraction = 0.5;
        private double ageMean = 55;
        private double ageSd = 15;
        private int ageMin = 18;
        private int ageMax = 90;
        private final Map<String, Double> vendorWeights = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();

        private Builder() {
        }

        /** @param f probability of F, in [0, 1] */
        public Builder femaleFraction(double f) {
            this.femaleFraction = f;
            return this;
        }

        /**
         * @param meanYears mean age, years
         * @param sdYears   standard deviation, years, &ge; 0
         * @param minYears  youngest, years
         * @param maxYears  oldest, years, &le; {@value Demographics#MAX_AGE_YEARS}
         */
        public Builder age(double meanYears, double sdYears, int minYears, int maxYears) {
            this.ageMean = meanYears;
            this.ageSd = sdYears;
            this.ageMin = minYears;
            this.ageMax = maxYears;
            return this;
        }

        /** @param name vendor name @param weight relative frequency, &gt; 0 (replaces an earlier weight) */
        public Builder vendor(String name, double weight) {
            if (name == null || name.isBlank()) {
                errors.add("vendor name must be non-blank, got " + (name == null ? "null" : "\"" + name + "\""));
            } else if (!(weight > 0) || Double.isInfinite(weight)) {
                errors.add("vendor weight of \"" + name + "\" must be a positive finite number, got " + weight);
            } else {
                vendorWeights.put(name, weight);
            }
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter at fault */
        public DemographicsModel build() {
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(errors.get(0));
            }
            if (!(femaleFraction >= 0 && femaleFraction <= 1)) {
                throw new IllegalArgumentException("femaleFraction must be in [0, 1], got " + femaleFraction);
            }
            if (!Double.isFinite(ageMean) || !(ageSd >= 0) || Double.isInfinite(ageSd)) {
                throw new IllegalArgumentException("age: mean must be finite and sd >= 0, got mean " + ageMean
                        + ", sd " + ageSd);
            }
            if (ageMin < 0 || ageMax > Demographics.MAX_AGE_YEARS || ageMin > ageMax) {
                throw new IllegalArgumentException("age: need 0 <= minYears <= maxYears <= "
                        + Demographics.MAX_AGE_YEARS + ", got " + ageMin + ".." + ageMax);
            }
            if (vendorWeights.isEmpty()) {
                throw new IllegalArgumentException("vendor: at least one vendor must be given");
            }
            return new DemographicsModel(this);
        }
    }
}
