package org.medimg4j.models.data;

/**
 * Makes training examples one at a time, as a pure function of (epoch, index): the same pair gives the same
 * features and labels on any thread, in any order, which is what makes prefetching with several workers
 * deterministic. {@link BatchIterator} stacks examples into ND4J batches.
 *
 * <p>Implementations are immutable and thread-safe; they write into the caller's arrays (C order), overwriting
 * every value of the example's range, so a batch is assembled without intermediate copies.
 */
public interface ExampleSampler {

    /** @return examples in one epoch, &ge; 1 */
    int examplesPerEpoch();

    /** @return the shape of one example's features without the batch axis: {C, H, W} or {C, D, H, W} */
    long[] featureShape();

    /** @return the shape of one example's labels without the batch axis: {K, H, W}, {K, D, H, W} or {K} */
    long[] labelShape();

    /**
     * Writes example {@code index} of {@code epoch}.
     *
     * @param epoch          the epoch, &ge; 0 (seeds the shuffle, the draw and the augmentation)
     * @param index          the example, 0..examplesPerEpoch-1
     * @param features       the batch's feature array
     * @param featureOffset  where this example's features start (product of {@link #featureShape()} floats)
     * @param labels         the batch's label array
     * @param labelOffset    where this example's labels start (product of {@link #labelShape()} floats)
     * @throws DataException naming the case if it cannot be loaded or does not fit the sampler's shape
     */
    void sample(int epoch, int index, float[] features, int featureOffset, float[] labels, int labelOffset);

    /**
     * @return the case that example {@code index} of {@code epoch} is cut from (to group predictions by patient
     *         or demographic subgroup); the draw is the one {@link #sample} makes
     */
    CaseInfo caseOf(int epoch, int index);

    /** @return the product of a shape's dimensions */
    static int length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
