package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.dicom.dictionary.Tag;

/** Pixel Data is located, not loaded; any range or fragment is read on demand. */
class PixelDataTest {

    @TempDir
    Path tmp;

    /** Rows 4, Columns 4, 3 frames of 16-bit samples whose value is their index in the object. */
    private static byte[] nativeFile(boolean bigEndian, int extraPixelBytes) {
        DicomBytes d = bigEndian ? DicomBytes.explicitBe() : DicomBytes.explicitLe();
        ByteBuffer px = ByteBuffer.allocate(96 + extraPixelBytes)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 48; i++) {
            px.putShort((short) i);
        }
        d.us(Tag.Rows, 4).us(Tag.Columns, 4).text(Tag.NumberOfFrames, VR.IS, "3")
                .element(Tag.PixelData, VR.OW, px.array())
                .element(Tag.DataSetTrailingPadding, VR.OB, new byte[] {0, 0});
        return DicomBytes.part10(bigEndian ? "1.2.840.10008.1.2.2" : "1.2.840.10008.1.2.1", d.bytes());
    }

    @Test
    void nativePixelDataIsLocatedAndReadByRange() throws Exception {
        for (boolean be : new boolean[] {false, true}) {
            byte[] bytes = nativeFile(be, 0);
            Path file = Files.write(tmp.resolve(be ? "be.dcm" : "le.dcm"), bytes);
            try (DicomFile f = DicomFile.read(file)) {
                PixelData p = f.pixelData().orElseThrow();
                assertFalse(p.isEncapsulated());
                assertEquals(96, p.length());
                assertEquals(be ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, p.byteOrder());
                assertEquals(VR.OW, p.vr());
                assertEquals(bytes.length - 14 - 96, p.offset(), "value ends before the 14-byte padding element");
                ByteBuffer frame2 = p.read(64, 32);
                assertEquals(32, frame2.getShort(0));
                assertEquals(47, frame2.getShort(30));
                ByteBuffer direct = ByteBuffer.allocateDirect(4).order(p.byteOrder());
                p.read(2, direct);
                assertEquals(1, direct.getShort(0));
                assertEquals(2, direct.getShort(2));
                assertTrue(f.dataSet().get(Tag.PixelData).orElseThrow().isBulkData());
                assertTrue(f.dataSet().getBytes(Tag.PixelData).isEmpty(), "pixel bytes are not held");
                assertTrue(f.dataSet().contains(Tag.DataSetTrailingPadding), "elements after Pixel Data are read");
                assertThrows(IllegalArgumentException.class, () -> p.read(90, 8));
            }
        }
    }

    @Test
    void pixelReadsReopenTheFileAfterCloseAndNoticeAChangedFile() throws Exception {
        Path file = Files.write(tmp.resolve("a.dcm"), nativeFile(false, 0));
        DicomFile f = DicomFile.read(file);
        PixelData p = f.pixelData().orElseThrow();
        assertEquals(5, p.read(10, 2).getShort(0));
        f.close();
        assertEquals(6, p.read(12, 2).getShort(0), "reopened after close");
        f.close();
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        DicomException e = assertThrows(DicomException.class, () -> p.read(0, 2));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void inMemoryInputsGiveTheSamePixels() throws Exception {
        byte[] bytes = nativeFile(false, 0);
        DicomFile fromStream = DicomFile.read(new ByteArrayInputStream(bytes), "mem.dcm");
        DicomFile fromBuffer = DicomFile.read(ByteBuffer.wrap(bytes), "buf.dcm");
        assertEquals(47, fromStream.pixelData().orElseThrow().read().getShort(94));
        assertEquals(47, fromBuffer.pixelData().orElseThrow().read().getShort(94));
        assertEquals("mem.dcm", fromStream.sourceName());
        assertTrue(fromStream.path().isEmpty());
    }

    /** An encapsulated object: BOT of 2, 3 fragments (frame 0 = fragments 0-1), the last holding FE FF DD E0. */
    private static byte[] encapsulatedFile(boolean withEot) {
        byte[] f0 = {(byte) 0xFF, (byte) 0xD8, 1, 2};
        byte[] f1 = {3, 4, (byte) 0xFF, (byte) 0xD9};
        byte[] f2 = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 9,
                (byte) 0xD9};
        DicomBytes items = DicomBytes.explicitLe()
                .tag(0xFFFEE000).u32(8).u32(0).u32(24)
                .tag(0xFFFEE000).u32(f0.length).raw(f0)
                .tag(0xFFFEE000).u32(f1.length).raw(f1)
                .tag(0xFFFEE000).u32(f2.length).raw(f2)
                .tag(0xFFFEE0DD).u32(0);
        DicomBytes d = DicomBytes.explicitLe().us(Tag.Rows, 1).text(Tag.NumberOfFrames, VR.IS, "2");
        if (withEot) {
            d.longs64(Tag.ExtendedOffsetTable, VR.OV, 0, 24).longs64(Tag.ExtendedOffsetTableLengths, VR.OV, 8, 10);
        }
        d.header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).raw(items.bytes());
        return DicomBytes.part10("1.2.840.10008.1.2.4.70", d.bytes());
    }

    @Test
    void encapsulatedFragmentsAreReadByTheirLengths() throws Exception {
        Path file = Files.write(tmp.resolve("enc.dcm"), encapsulatedFile(true));
        try (DicomFile f = DicomFile.read(file)) {
            PixelData p = f.pixelData().orElseThrow();
            assertTrue(p.isEncapsulated());
            assertEquals(-1, p.length());
            assertArrayEquals(new long[] {0, 24}, p.basicOffsetTable());
            assertEquals(3, p.fragmentCount());
            assertEquals(10, p.fragment(2).length(), "FE FF DD E0 inside the fragment does not end it");
            assertEquals(p.fragment(0).itemOffset() + 8, p.fragment(0).offset());
            assertEquals(0, p.fragmentAt(0).getAsInt());
            assertEquals(2, p.fragmentAt(24).getAsInt());
            assertTrue(p.fragmentAt(5).isEmpty());
            ByteBuffer frame0 = p.readFragments(0, 2);
            assertEquals(8, frame0.remaining());
            assertEquals((byte) 0xD9, frame0.get(7));
            ByteBuffer last = p.readFragment(2);
            assertEquals(9, last.get(8));
            ByteBuffer tail = ByteBuffer.allocate(3);
            p.readFragment(2, 7, tail);
            assertArrayEquals(new byte[] {0, 9, (byte) 0xD9}, tail.array(), "the last 3 bytes of fragment 2 alone");
            assertThrows(IllegalArgumentException.class, () -> p.readFragment(2, 8, ByteBuffer.allocate(3)));
            assertArrayEquals(new long[] {0, 24}, p.extendedOffsetTable().orElseThrow());
            assertArrayEquals(new long[] {8, 10}, p.extendedOffsetTableLengths().orElseThrow());
            assertEquals(VR.OB, p.vr());
            assertThrows(IllegalStateException.class, p::read, "encapsulated data is read by fragments");
            assertThrows(IndexOutOfBoundsException.class, () -> p.fragment(3));
        }
        PixelData noEot = DicomBytes.read(encapsulatedFile(false)).pixelData().orElseThrow();
        assertTrue(noEot.extendedOffsetTable().isEmpty());
    }

    @Test
    void corpusFragmentHoldingADelimiterPatternKeepsItsLength() throws Exception {
        Path file = Corpus.file("files/pydicom/JPEG2000-embedded-sequence-delimiter.dcm");
        try (DicomFile f = DicomFile.read(file)) {
            PixelData p = f.pixelData().orElseThrow();
            assertEquals(1, p.fragmentCount());
            assertEquals(250, p.fragment(0).length());
            ByteBuffer b = p.readFragment(0);
            assertEquals(0xFF4FFF51, b.getInt(0), "J2K SOC SIZ");
            assertEquals(0xFEFFDDE0, b.getInt(6), "the embedded delimiter bytes are fragment data");
            assertEquals(0, p.basicOffsetTable().length);
        }
    }

    /** Counts the bytes a reader pulls from a stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    @Test
    void metadataOnlyStopsBeforePixelDataAndReadsNoneOfIt() throws Exception {
        byte[] bytes = nativeFile(false, 4 << 20);
        CountingStream in = new CountingStream(new ByteArrayInputStream(bytes));
        DicomFile f = DicomFile.read(in, "big.dcm", ReadOptions.metadataOnly());
        assertTrue(f.stoppedBeforePixelData());
        assertTrue(f.pixelData().isEmpty());
        assertFalse(f.dataSet().contains(Tag.PixelData));
        assertFalse(f.dataSet().contains(Tag.DataSetTrailingPadding));
        assertEquals(4, f.dataSet().getInt(Tag.Rows).getAsInt());
        assertTrue(in.count < 128 * 1024, "read " + in.count + " of " + bytes.length + " bytes");

        DicomFile full = DicomFile.read(new ByteArrayInputStream(bytes), "big.dcm");
        assertFalse(full.stoppedBeforePixelData());
        assertTrue(full.dataSet().contains(Tag.DataSetTrailingPadding));
    }

    @Test
    void metadataOnlyReadsATruncatedFileWhoseHeaderIsWhole() throws Exception {
        Path truncated = Corpus.file("malformed/MR_truncated.dcm");
        assertThrows(DicomException.class, () -> DicomFile.read(truncated));
        DicomFile f = DicomFile.read(truncated, ReadOptions.metadataOnly());
        assertTrue(f.stoppedBeforePixelData());
        assertEquals(64, f.dataSet().getInt(Tag.Rows).getAsInt());
    }
}
