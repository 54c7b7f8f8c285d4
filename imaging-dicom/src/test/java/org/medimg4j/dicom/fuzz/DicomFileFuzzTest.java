package org.medimg4j.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PersonName;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.VR;
import org.medimg4j.dicom.dictionary.Tag;
import org.medimg4j.dicom.pixel.FrameFragments;

/**
 * Coverage-guided fuzzing of the Part 10 parser: {@link DicomFile#read(ByteBuffer, String)} on arbitrary bytes,
 * then every typed getter of every attribute (nested items included) and every read of the Pixel Data, because
 * values are decoded lazily and a getter is where a malformed value first meets code.
 *
 * <p>The property: a {@link DicomException} is the only way to refuse input. Anything else escaping is a finding,
 * and so is a DicomException that only wraps a RuntimeException: that is {@code DicomFile}'s safety net catching a
 * length or index check the parser missed, which its own comment calls a bug to report. Without the JAZZER_FUZZ
 * environment variable this runs each stored input in {@code DicomFileFuzzTestInputs/read/} once (the seeds and
 * the regression corpus); see {@code README.md} beside them.
 */
class DicomFileFuzzTest {

    /** Reads at most this much of any Pixel Data value, so a deflated input cannot make a test allocate much. */
    private static final int MAX_READ_BYTES = 1 << 24;

    /** Fragments whose first and last bytes are handed to the fragment→frame rule, as the pixel layer does. */
    private static final int MAX_FRAGMENTS = 4096;

    @Timeout(value = FuzzLimits.TIMEOUT_SECONDS, unit = TimeUnit.SECONDS,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzLimits.FUZZ_DURATION)
    void read(byte[] input) throws IOException {
        DicomFile file;
        try {
            file = DicomFile.read(ByteBuffer.wrap(input), "fuzz input");
        } catch (DicomException refused) {
            if (refused.getCause() instanceof RuntimeException missedCheck) {
                throw new AssertionError("the parser did not check something it relies on; DicomFile's safety net "
                        + "caught " + missedCheck, refused);
            }
            return;
        }
        try (file) {
            file.transferSyntax().isDecodable();
            file.isTransferSyntaxDetected();
            file.byteOrder();
            file.warnings().size();
            file.toString();
            long limit = file.transferSyntax().isDeflated() ? Long.MAX_VALUE : input.length;
            touch(file.fileMetaInformation(), limit);
            touch(file.dataSet(), limit);
        }
    }

    /** Every typed getter on every attribute of a data set and, depth first, of its items; then their bulk data. */
    private static void touch(Attributes set, long limit) throws IOException {
        set.characterSet();
        set.toString();
        for (Attribute a : set) {
            int tag = a.tag();
            a.keyword();
            a.storedVr();
            a.isStoredAsUn();
            a.valueCount();
            a.isEmpty();
            a.toString();
            a.toByteArray();
            set.vr(tag);
            set.getString(tag);
            set.getStrings(tag);
            set.getUid(tag);
            set.getPersonName(tag);
            for (PersonName name : set.getPersonNames(tag)) {
                name.toString();
            }
            set.getInts(tag);
            set.getLongs(tag);
            set.getDoubles(tag);
            set.getDate(tag);
            set.getTime(tag);
            set.getDateTime(tag);
            set.getOffsetDateTime(tag);
            set.getBytes(tag);
            set.privateCreator(tag);
            if (a.isPrivate() && (tag & 0xFFFF) >= 0x10 && (tag & 0xFFFF) <= 0xFF) {
                set.getString(tag).ifPresent(creator -> set.getPrivate(creator, tag >>> 16, 0x10));
            }
            if (a.isSequence()) {
                for (Attributes item : a.items()) {
                    touch(item, limit);
                }
            } else if (a.isBulkData()) {
                touch(a.pixelData().orElseThrow(), limit, set);
            } else {
                touchValue(a);
            }
        }
    }

    /** The Attribute-level readings, which throw where the Attributes getters quietly give nothing. */
    private static void touchValue(Attribute a) {
        a.bytes();
        a.strings();
        a.personNames();
        try {
            a.ints();
        } catch (DicomException notIntegers) {
            // refusing a malformed value is the documented outcome
        }
        try {
            a.longs();
        } catch (DicomException notIntegers) {
            // as above
        }
        try {
            a.doubles();
        } catch (DicomException notNumbers) {
            // as above
        }
        if (a.vr() == VR.AT) {
            try {
                a.tags();
            } catch (DicomException notTags) {
                // as above
            }
        }
    }

    /**
     * Reads the Pixel Data as the pixel layer would: every fragment alone and all together, the offset tables
     * mapped to fragments and the fragment→frame rule applied, or the native value.
     *
     * @param limit the end of the input for a plain data set: a value claiming bytes past it should have been
     *              refused by the parser, and reading it would only allocate the claimed size
     */
    private static void touch(PixelData pixels, long limit, Attributes dataSet) throws IOException {
        pixels.toString();
        pixels.vr();
        pixels.byteOrder();
        pixels.extendedOffsetTable();
        pixels.extendedOffsetTableLengths();
        if (!pixels.isEncapsulated()) {
            requireInside(pixels.offset(), pixels.length(), limit, "native Pixel Data");
            pixels.read(0, (int) Math.min(pixels.length(), MAX_READ_BYTES));
            return;
        }
        long[] offsets = pixels.basicOffsetTable();
        for (long offset : offsets) {
            pixels.fragmentAt(offset);
        }
        int n = pixels.fragmentCount();
        long total = 0;
        List<PixelData.Fragment> fragments = pixels.fragments();
        for (int i = 0; i < n; i++) {
            PixelData.Fragment f = fragments.get(i);
            requireInside(f.offset(), f.length(), limit, "Pixel Data fragment " + i);
            total += f.length();
            if (f.length() <= MAX_READ_BYTES) {
                pixels.readFragment(i);
            }
        }
        if (n > 0 && total <= MAX_READ_BYTES) {
            pixels.readFragments(0, n);
        }
        if (n > 0 && n <= MAX_FRAGMENTS && total <= MAX_READ_BYTES) {
            locateFrames(pixels, offsets, dataSet);
        }
    }

    private static void locateFrames(PixelData pixels, long[] basicOffsets, Attributes dataSet) throws IOException {
        int n = pixels.fragmentCount();
        long[] lengths = new long[n];
        byte[][] heads = new byte[n][];
        byte[][] tails = new byte[n][];
        for (int i = 0; i < n; i++) {
            ByteBuffer b = pixels.readFragment(i);
            lengths[i] = b.remaining();
            heads[i] = new byte[(int) Math.min(4, lengths[i])];
            b.duplicate().get(heads[i]);
            tails[i] = new byte[(int) Math.min(3, lengths[i])];
            b.position((int) lengths[i] - tails[i].length);
            b.get(tails[i]);
        }
        long[] table = pixels.extendedOffsetTable().orElse(basicOffsets);
        try {
            FrameFragments.locate(dataSet.getInt(Tag.NumberOfFrames, 1), table, lengths, heads, tails);
        } catch (DicomException notSplittable) {
            // fragments that cannot be split into the frames the data set declares: refused, as documented
        }
    }

    private static void requireInside(long offset, long length, long limit, String what) {
        if (offset < 0 || length < 0 || offset + length > limit) {
            throw new AssertionError(what + " at offset " + offset + ", " + length + " bytes, lies outside the "
                    + limit + "-byte input; the parser should have refused it");
        }
    }
}
