package org.medimg4j.dicom;

/**
 * How {@link DicomFile#read(java.nio.file.Path, ReadOptions)} reads: everything, or the metadata only; and how deep
 * sequences may nest. Immutable; build with {@link #builder()}.
 *
 * <p>A metadata-only read stops at the first top-level Pixel Data element ((7FE0,0010), or the float pixel data
 * (7FE0,0008) / (7FE0,0009)) and reads nothing from there on: from a file it reads the header in 8 KiB blocks and
 * none of the pixel bytes, so scanning thousands of files costs little. Attributes after Pixel Data (rare: Data Set
 * Trailing Padding, some private groups) are then absent.
 */
public final class ReadOptions {

    /** The most sequence levels {@link Builder#maxSequenceDepth(int)} accepts. */
    public static final int MAX_SEQUENCE_DEPTH_LIMIT = 1000;
    /** The default sequence nesting limit: deeper than any real structured report, far below a stack risk. */
    public static final int DEFAULT_MAX_SEQUENCE_DEPTH = 128;

    /** Read everything, nesting up to {@value #DEFAULT_MAX_SEQUENCE_DEPTH} sequence levels. */
    public static final ReadOptions DEFAULT = builder().build();

    private final boolean stopBeforePixelData;
    private final int maxSequenceDepth;

    private ReadOptions(Builder b) {
        this.stopBeforePixelData = b.stopBeforePixelData;
        this.maxSequenceDepth = b.maxSequenceDepth;
    }

    /** @return options that stop before Pixel Data, all else default */
    public static ReadOptions metadataOnly() {
        return builder().stopBeforePixelData(true).build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether reading stops before top-level Pixel Data */
    public boolean stopBeforePixelData() {
        return stopBeforePixelData;
    }

    /** @return the deepest nesting of sequences accepted (1 = sequences whose items hold no sequence) */
    public int maxSequenceDepth() {
        return maxSequenceDepth;
    }

    @Override
    public String toString() {
        return "ReadOptions[stopBeforePixelData=" + stopBeforePixelData + ", maxSequenceDepth=" + maxSequenceDepth
                + "]";
    }

    /** Builds {@link ReadOptions}; validates as values are set. */
    public static final class Builder {
        private boolean stopBeforePixelData;
        private int maxSequenceDepth = DEFAULT_MAX_SEQUENCE_DEPTH;

        private Builder() {
        }

        /**
         * @param stop whether to stop before top-level Pixel Data (metadata-only read)
         * @return this builder
         */
        public Builder stopBeforePixelData(boolean stop) {
            this.stopBeforePixelData = stop;
            return this;
        }

        /**
         * A data set nested deeper is refused with a {@link DicomException}. Parsing never recurses, but building
         * the attribute tree does, hence the upper bound.
         *
         * @param depth deepest sequence nesting, 1 to {@value #MAX_SEQUENCE_DEPTH_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException naming maxSequenceDepth when out of range
         */
        public Builder maxSequenceDepth(int depth) {
            if (depth < 1 || depth > MAX_SEQUENCE_DEPTH_LIMIT) {
                throw new IllegalArgumentException("maxSequenceDepth must be 1 to " + MAX_SEQUENCE_DEPTH_LIMIT
                        + ", got " + depth);
            }
            this.maxSequenceDepth = depth;
            return this;
        }

        /** @return the options */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
