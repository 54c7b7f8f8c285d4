package org.medimg4j.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medimg4j.dicom.codec.CorpusFrames;
import org.medimg4j.dicom.pixel.DicomImage;
import org.medimg4j.dicom.pixel.EncapsulatedFrames;
import org.medimg4j.dicom.pixel.FrameDigest;
import org.medimg4j.dicom.pixel.FrameFragments;
import org.medimg4j.dicom.pixel.NativePixels;

/**
 * One frame of a multi-frame object is decoded from that frame's bytes alone: the other frames' bytes may be
 * garbage, or not be in the file at all any more, and the frame still matches the corpus oracle.
 */
class LazyFrameAccessTest {

    @TempDir
    Path tmp;

    private static CorpusFrames.Row row(String name) throws IOException {
        return CorpusFrames.rows(ts -> true).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String sha(DicomImage image, int frame) throws IOException {
        return FrameDigest.of(image.frameInfo(), image.decodeFrame(frame)).sha256();
    }

    /** Overwrites [from, to) of the file's bytes with 0x5A. */
    private static void scribble(byte[] bytes, long from, long to) {
        Arrays.fill(bytes, (int) from, (int) to, (byte) 0x5A);
    }

    @Test
    void encapsulatedFrameTwoIsDecodedFromItsOwnFragmentsOnly() throws Exception {
        // DCMTK's 4 KiB fragments: each frame spans several fragments, found through the Basic Offset Table.
        CorpusFrames.Row row = row("files/dcmtk/ct_3frame_jpeg_lossless_sv6_frag4k.dcm");
        byte[] bytes = Files.readAllBytes(row.file());
        DicomFile file = DicomFile.read(ByteBuffer.wrap(bytes), "frag4k.dcm"); // the buffer is used in place
        PixelData pixels = file.pixelData().orElseThrow();
        assertFalse(FrameFragments.needsBoundaryBytes(3, pixels.basicOffsetTable(), pixels.fragmentCount()),
                "the offset table decides: no fragment is peeked at");
        DicomImage image = DicomImage.of(file);
        // Scribble over every fragment that is not frame 2's, after parsing.
        PixelData.Fragment firstOfFrame2 = pixels.fragment(pixels.fragmentAt(pixels.basicOffsetTable()[2])
                .getAsInt());
        scribble(bytes, pixels.fragment(0).offset(), firstOfFrame2.itemOffset());
        assertEquals(row.frameSha256().get(2), sha(image, 2));
        assertThrows(DicomException.class, () -> image.decodeFrame(0), "frame 0 is garbage now");
    }

    @Test
    void encapsulatedFrameZeroIsReadFromTheFileWithoutTheFragmentsAfterIt() throws Exception {
        CorpusFrames.Row row = row("files/dcmtk/ct_3frame_rle.dcm");
        Path copy = Files.copy(row.file(), tmp.resolve("rle.dcm"));
        try (DicomFile file = DicomFile.read(copy)) {
            PixelData pixels = file.pixelData().orElseThrow();
            DicomImage image = DicomImage.of(file);
            EncapsulatedFrames frames = EncapsulatedFrames.of(pixels, 3, file.sourceName());
            assertEquals(new FrameFragments(0, 1), frames.fragments(0));
            assertEquals(new FrameFragments(2, 1), frames.fragments(2));
            // Overwrite frames 1 and 2 on disk (same size, so the file still counts as unchanged).
            byte[] garbage = new byte[(int) (pixels.fragment(2).offset() + pixels.fragment(2).length()
                    - pixels.fragment(1).offset())];
            Arrays.fill(garbage, (byte) 0x5A);
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(garbage), pixels.fragment(1).offset());
            }
            assertEquals(row.frameSha256().get(0), sha(image, 0));
            DicomException gone = assertThrows(DicomException.class, () -> image.decodeFrame(2));
            assertTrue(gone.getMessage().contains("rle.dcm: (7FE0,0010) PixelData frame 2 of 3"), gone.getMessage());
        }
    }

    @Test
    void nativeFrameOneIsReadFromItsOwnBytesOnly() throws Exception {
        CorpusFrames.Row row = row("files/synthetic/ct_3frame.dcm");
        byte[] bytes = Files.readAllBytes(row.file());
        DicomFile file = DicomFile.read(ByteBuffer.wrap(bytes), "ct_3frame.dcm");
        PixelData pixels = file.pixelData().orElseThrow();
        DicomImage image = DicomImage.of(file);
        long frameBytes = NativePixels.frameLength(image.storedFrameInfo(), 1);
        scribble(bytes, pixels.offset(), pixels.offset() + frameBytes);
        scribble(bytes, pixels.offset() + 2 * frameBytes, pixels.offset() + 3 * frameBytes);
        assertEquals(row.frameSha256().get(1), sha(image, 1));
        assertFalse(row.frameSha256().get(0).equals(sha(image, 0)), "frame 0 was overwritten");
    }

    @Test
    void framesFoundByJpegMarkersWithoutOffsetTableDecodeInAnyOrder() throws Exception {
        CorpusFrames.Row row = row("files/synthetic/ct_3frame_jpegll_3frag_no_bot.dcm");
        try (DicomFile file = DicomFile.read(row.file())) {
            DicomImage image = DicomImage.of(file);
            for (int frame : new int[] {2, 0, 1}) {
                assertEquals(row.frameSha256().get(frame), sha(image, frame), "frame " + frame);
            }
            for (int frame = 0; frame < 3; frame++) {
                assertEquals((short) 0xFFD8, image.encodedFrame(frame).getShort(0), "frame " + frame + " starts with SOI");
            }
        }
    }
}
