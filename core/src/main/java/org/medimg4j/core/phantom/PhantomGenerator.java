package org.medimg4j.core.phantom;

/**
 * A configured phantom that turns a seed into a {@link PhantomCase}. Implementations are immutable and thread-safe;
 * the case is a pure function of the configuration and the seed, whatever thread or order it is generated in.
 */
public interface PhantomGenerator {

    /** @return the configured seed, used by {@link #generate()} and as the dataset seed of {@link PhantomDataset} */
    long seed();

    /**
     * @param caseSeed the seed of this case
     * @return the case; the same configuration and seed give bit-identical voxels
     */
    PhantomCase generate(long caseSeed);

    /** @return the case for the configured {@link #seed()} */
    default PhantomCase generate() {
        return generate(seed());
    }
}
