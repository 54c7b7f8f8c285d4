package org.medimg4j.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;

class NativePixelsTest {

    @Test
    void unpacksOneBitFramesThatAreNotByteAligned() throws DicomException {
        // 5 x 7 = 35 bits per frame: frame 1 starts at bit 35 = byte 4, bit 3
        FrameInfo info = new FrameInfo(7, 5, 1, 1, 1, false, 0, "MONOCHROME2");
        byte[] value = new byte[14];
        value[4] = (byte) 0b0000_1000; // bit 35 = first pixel of frame 1
        value[8] = (byte) 0b1000_0000; // bit 71 = pixel 36 of the object = frame 2's... (70 = frame 2 pixel 0)
        assertEquals(4, NativePixels.frameOffset(info, 1));
        assertEquals(5, NativePixels.frameLength(info, 1));
        SampleBuffer out = SampleBuffer.allocate(info);
        NativePixels.decode(ByteBuffer.wrap(value, 4, 10).slice(), 1, info, ByteOrder.LITTLE_ENDIAN, false, out);
        assertEquals(1, out.get(0));
        assertEquals(0, out.get(1));
        SampleBuffer f2 = SampleBuffer.allocate(info);
        NativePixels.decode(ByteBuffer.wrap(value, 8, 6).slice(), 2, info, ByteOrder.LITTLE_ENDIAN, false, f2);
        assertEquals(0, f2.get(0));
        assertEquals(1, f2.get(1));
    }

    @Test
    void readsBigEndianWordsAndUndoesPlanarConfiguration() throws DicomException {
        FrameInfo info = new FrameInfo(1, 2, 3, 16, 16, false, 1, "RGB");
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        for (short v : new short[] {1, 2, 3, 4, 5, 6}) { // R1 R2 G1 G2 B1 B2
            b.putShort(v);
        }
        SampleBuffer out = SampleBuffer.allocate(info);
        NativePixels.decode(b.flip(), 0, info, ByteOrder.BIG_ENDIAN, true, out);
        assertArrayEquals(new short[] {1, 3, 5, 2, 4, 6}, out.shorts());
    }

    @Test
    void upsamplesNativeYbrFull422() throws DicomException {
        FrameInfo info = new FrameInfo(1, 4, 3, 8, 8, false, 0, "YBR_FULL_422");
        assertEquals(4 * 2 * 8, NativePixels.frameBits(info));
        byte[] v = {10, 11, 50, 60, 12, 13, 70, 80};
        SampleBuffer out = SampleBuffer.allocate(info);
        NativePixels.decode(ByteBuffer.wrap(v), 0, info, ByteOrder.LITTLE_ENDIAN, false, out);
        assertArrayEquals(new byte[] {10, 50, 60, 11, 50, 60, 12, 70, 80, 13, 70, 80}, out.bytes());
    }

    @Test
    void upsamplesSixteenBitYbrFull422AndRefusesAnOddPixelCount() throws DicomException {
        FrameInfo info = new FrameInfo(1, 2, 3, 16, 16, false, 0, "YBR_FULL_422");
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : new short[] {1000, 1001, 500, 600}) { // Y1 Y2 Cb Cr
            b.putShort(v);
        }
        SampleBuffer out = SampleBuffer.allocate(info);
        NativePixels.decode(b.flip(), 0, info, ByteOrder.LITTLE_ENDIAN, false, out);
        assertArrayEquals(new short[] {1000, 500, 600, 1001, 500, 600}, out.shorts());
        FrameInfo odd = new FrameInfo(1, 3, 3, 8, 8, false, 0, "YBR_FULL_422");
        DicomException e = assertThrows(DicomException.class, () -> NativePixels.decode(ByteBuffer.allocate(8), 0,
                odd, ByteOrder.LITTLE_ENDIAN, false, SampleBuffer.allocate(odd)));
        assertTrue(e.getMessage().contains("odd number of pixels"), e.getMessage());
    }

    @Test
    void swapsEightBitPairsOnlyInBigEndianOw() throws DicomException {
        FrameInfo info = new FrameInfo(1, 4, 1, 8, 8, false, 0, "MONOCHROME2");
        SampleBuffer ob = SampleBuffer.allocate(info);
        NativePixels.decode(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0, info, ByteOrder.BIG_ENDIAN, false, ob);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, ob.bytes());
        SampleBuffer ow = SampleBuffer.allocate(info);
        NativePixels.decode(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0, info, ByteOrder.BIG_ENDIAN, true, ow);
        assertArrayEquals(new byte[] {2, 1, 4, 3}, ow.bytes());
    }

    @Test
    void shortValueIsATypedError() {
        FrameInfo info = new FrameInfo(128, 128, 1, 16, 16, true, 0, "MONOCHROME2");
        DicomException e = assertThrows(DicomException.class, () -> NativePixels.decode(ByteBuffer.allocate(100), 0,
                info, ByteOrder.LITTLE_ENDIAN, false, SampleBuffer.allocate(info)));
        assertTrue(e.getMessage().contains("32768"), e.getMessage());
    }

    @Test
    void storedValuesMaskJunkAndSignExtend() {
        FrameInfo info = new FrameInfo(1, 3, 1, 16, 12, true, 0, "MONOCHROME2");
        short[] v = {(short) 0xF7FF, (short) 0x0800, (short) 0xA001};
        SampleBuffer b = SampleBuffer.of(v, 0);
        StoredValues.normalize(info, b);
        assertEquals(2047, StoredValues.value(info, b, 0));
        assertEquals(-2048, StoredValues.value(info, b, 1));
        assertEquals(1, StoredValues.value(info, b, 2));
        FrameDigest d = FrameDigest.of(info, b);
        assertEquals(-2048, d.min());
        assertEquals(2047, d.max());
        assertEquals(0, d.sum());
        assertEquals(64, d.sha256().length());
    }
}
