package org.medimg4j.dicom.codec;

/**
 * One image component of a DCT frame (T.81 B.2.2) and the plane its samples are decoded into. Mutable state of a
 * single decode: the DC predictor and the tables the current scan assigns.
 */
final class DctComponent {

    /** Component identifier C from the frame header. */
    final int id;
    /** Horizontal and vertical sampling factors, 1..4. */
    final int h;
    final int v;
    /** Quantisation table selector Tq. */
    final int tq;
    /** Samples per line and lines of the component: ceil(X × h / Hmax), ceil(Y × v / Vmax) (T.81 A.1.1). */
    final int width;
    final int height;
    /** Blocks of a non-interleaved scan of this component: ceil(width / 8), ceil(height / 8). */
    final int blocksWide;
    final int blocksHigh;
    /** Samples per plane row: whole MCUs of an interleaved scan, which also covers a non-interleaved one. */
    final int stride;
    /** The decoded samples, {@link #stride} per row, whole blocks. */
    final short[] plane;

    /** Dequantisation table (natural order) latched at the start of the scan that codes this component. */
    int[] quant;
    DctHuffman dcTable;
    DctHuffman acTable;
    int dcPredictor;
    /** Whether some scan has coded this component. */
    boolean coded;

    DctComponent(int id, int h, int v, int tq, int imageWidth, int imageHeight, int hMax, int vMax) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.tq = tq;
        this.width = ceilDiv(imageWidth * h, hMax);
        this.height = ceilDiv(imageHeight * v, vMax);
        this.blocksWide = ceilDiv(width, 8);
        this.blocksHigh = ceilDiv(height, 8);
        int mcusWide = ceilDiv(imageWidth, 8 * hMax);
        int mcusHigh = ceilDiv(imageHeight, 8 * vMax);
        this.stride = mcusWide * h * 8;
        this.plane = new short[stride * (mcusHigh * v * 8)];
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
