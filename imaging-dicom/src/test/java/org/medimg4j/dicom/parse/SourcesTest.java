package org.medimg4j.dicom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte sources and the windowed reader: how much they read, and that declared lengths never size buffers. */
class SourcesTest {

    @TempDir
    Path tmp;

    /** Explicit VR LE: Rows, then Pixel Data of {@code pixelBytes}, as a Part 10 file. */
    private static byte[] file(int pixelBytes) {
        ByteBuffer b = ByteBuffer.allocate(132 + 12 + 30 + 10 + 12 + pixelBytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(128);
        b.put("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putShort((short) 2).putShort((short) 0).put((byte) 'U').put((byte) 'L').putShort((short) 4).putInt(30);
        b.putShort((short) 2).putShort((short) 0x10).put((byte) 'U').put((byte) 'I').putShort((short) 22)
                .put("1.2.840.10008.1.2.1\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.putShort((short) 0x28).putShort((short) 0x10).put((byte) 'U').put((byte) 'S').putShort((short) 2)
                .putShort((short) 7);
        b.putShort((short) 0x7FE0).putShort((short) 0x10).put((byte) 'O').put((byte) 'W').putShort((short) 0)
                .putInt(pixelBytes);
        return b.array();
    }

    @Test
    void metadataOnlyReadOfAFileReadsOneWindowNotThePixels() throws Exception {
        Path p = Files.write(tmp.resolve("big.dcm"), file(8 << 20));
        PathSource source = new PathSource(p);
        FileParser.Result r = FileParser.parse(source, true, 16);
        assertTrue(r.stoppedBeforePixelData());
        assertTrue(source.bytesRead() <= 8192, "read " + source.bytesRead() + " bytes");
        source.close();

        PathSource full = new PathSource(p);
        FileParser.Result all = FileParser.parse(full, false, 16);
        assertFalse(all.stoppedBeforePixelData());
        assertTrue(full.bytesRead() <= 8192, "skipping Pixel Data reads none of it: " + full.bytesRead());
        ParsedElement pixels = all.dataSet().elements().get(1);
        assertEquals(ParsedElement.Kind.BULK, pixels.kind());
        assertEquals(8 << 20, pixels.length());
        full.close();
    }

    @Test
    void streamSourceGrowsWithTheDataNotWithTheAskedLength() throws Exception {
        StreamSource s = new StreamSource(new ByteArrayInputStream(new byte[1000]), 0, "s");
        assertEquals(1000, s.available(0, 0x7FFFFFF0L), "a bogus length only reads to the end of the stream");
        assertEquals(1000, s.size());
        byte[] dst = new byte[10];
        assertEquals(10, s.read(990, dst, 0, 10));
        assertEquals(0, s.read(1000, dst, 0, 10));
    }

    @Test
    void streamSourceStopsReadingWhenToldSo() throws Exception {
        InputStream in = new ByteArrayInputStream(new byte[200_000]);
        StreamSource s = new StreamSource(in, 100, "s");
        byte[] dst = new byte[4];
        assertEquals(4, s.read(100, dst, 0, 4));
        long pulled = s.bytesRead();
        assertTrue(pulled < 200_000);
        s.stopReading();
        assertEquals(0, s.read(100 + pulled, dst, 0, 4), "nothing more is pulled from the caller's stream");
        assertEquals(200_000 - pulled, in.available());
    }

    @Test
    void readerWindowsAndSkips() throws Exception {
        byte[] data = new byte[20_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteReader r = new ByteReader(new BufferSource(data, data.length, "b"), 0);
        assertTrue(r.ensure(8));
        assertEquals(0x0100, r.u16(false));
        assertEquals(0x0203, r.u16(true));
        r.skip(9000);
        assertEquals(9004, r.position());
        assertEquals((byte) 9004, (byte) r.u8());
        byte[] big = r.bytes(10_000);
        assertEquals((byte) 9005, big[0]);
        assertEquals((byte) 19004, big[9999]);
        assertEquals(995, r.available(5000));
        r.seek(2);
        assertEquals(0x02030405L, r.u32(true));
        r.seek(19_998);
        assertFalse(r.ensure(4));
        assertTrue(r.ensure(2));
    }

    @Test
    void zlibHeaderCheckBits() {
        assertTrue(InflatedStream.isZlibHeader(0x78, 0x9C));
        assertTrue(InflatedStream.isZlibHeader(0x78, 0x01));
        assertFalse(InflatedStream.isZlibHeader(0x78, 0x9D));
        assertFalse(InflatedStream.isZlibHeader(0xED, 0x59));
    }
}
