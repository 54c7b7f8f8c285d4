package org.medimg4j.models.classify;

/**
 * The up-front checks every classifier builder applies to its input: sizes a network cannot take are refused at
 * {@code build()} with a message naming the size, not deep inside DL4J at the first forward pass.
 */
final class InputSizeRule {

    private InputSizeRule() {
    }

    /**
     * Checks that {@code size} has one entry per spatial dimension and that each is at least {@code totalStride},
     * the factor by which the network shrinks its input before global pooling (a smaller input leaves the last
     * stages with windows made of padding alone).
     *
     * @param network     the network's name, for the message
     * @param dims        2 or 3
     * @param size        (H, W) or (D, H, W) in pixels/voxels
     * @param totalStride the network's total down-sampling factor
     * @param divisible   whether each size must also be a multiple of {@code totalStride}
     */
    static void check(String network, int dims, int[] size, int totalStride, boolean divisible) {
        if (size == null) {
            throw new IllegalArgumentException(network + ": inputSize must be set (" + axes(dims) + ")");
        }
        if (size.length != dims) {
            throw new IllegalArgumentException(network + ": inputSize needs " + dims + " values (" + axes(dims)
                    + ") for a " + dims + "-D network, got " + size.length);
        }
        for (int a = 0; a < dims; a++) {
            String axis = axisName(dims, a);
            if (size[a] < totalStride) {
                throw new IllegalArgumentException(network + ": input " + axis + " " + size[a]
                        + " is smaller than the network's total stride " + totalStride
                        + " (inputSize[" + a + "] must be >= " + totalStride + ")");
            }
            if (divisible && size[a] % totalStride != 0) {
                throw new IllegalArgumentException(network + ": input " + axis + " " + size[a]
                        + " is not divisible by the network's total stride " + totalStride
                        + " (inputSize[" + a + "])");
            }
        }
    }

    /** Checks a count parameter is at least {@code min}. */
    static void atLeast(String network, String parameter, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(network + ": " + parameter + " must be >= " + min + ", got " + value);
        }
    }

    /** Checks the dimension count and that the normalisation can run in it. */
    static void dimensions(String network, int dims, Normalization normalization) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException(network + ": dimensions must be 2 or 3, got " + dims);
        }
        if (normalization == null) {
            throw new IllegalArgumentException(network + ": normalization must not be null");
        }
        if (!normalization.supports(dims)) {
            throw new IllegalArgumentException(network + ": normalization " + normalization.label()
                    + " cannot run in a " + dims + "-D network");
        }
    }

    private static String axes(int dims) {
        return dims == 3 ? "depth, height, width" : "height, width";
    }

    private static String axisName(int dims, int axis) {
        return (dims == 3 ? new String[] {"depth", "height", "width"} : new String[] {"height", "width"})[axis];
    }
}
