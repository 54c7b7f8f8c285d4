package org.medimg4j.dicom.lut;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.medimg4j.dicom.Attribute;
import org.medimg4j.dicom.Attributes;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.dictionary.Tag;

/**
 * One item of a Modality LUT Sequence or VOI LUT Sequence (PS3.3 C.11.1.1, C.11.2.1.1): a table of output values
 * indexed by the input value minus the first mapped value. Immutable.
 *
 * <p>LUT Descriptor (0028,3002): number of entries (0 means 65536), first input value mapped (read as signed
 * when the descriptor's VR is SS or the caller says the input is signed, PS3.3 C.11.1.1.1), bits per entry.
 * Inputs below the first mapped value take the first entry, inputs past the last take the last. LUT Data
 * (0028,3006) holds 16-bit words; an 8-bit table may be packed two entries per word (low byte first), which is
 * detected from the data length.
 *
 * @param firstMapped the input value that maps to entry 0
 * @param entries     the output values, as unsigned integers of {@code bits} bits
 * @param bits        bits per entry (8 to 16)
 */
public record LookupTable(int firstMapped, int[] entries, int bits) {

    /** @throws IllegalArgumentException when there are no entries or bits is outside 1..16 */
    public LookupTable {
        if (entries.length == 0) {
            throw new IllegalArgumentException("a LUT needs at least one entry");
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("LUT bits per entry must be 1..16, got " + bits);
        }
        entries = entries.clone();
    }

    /**
     * @param item        the sequence item holding LUT Descriptor and LUT Data
     * @param signedInput whether the pixel values looked up are signed (Pixel Representation 1)
     * @return the table
     * @throws DicomException naming the file and tag when the descriptor or data are missing or inconsistent
     */
    public static LookupTable read(Attributes item, boolean signedInput) throws DicomException {
        Attribute descriptor = item.require(Tag.LUTDescriptor);
        long[] d = descriptor.longs();
        if (d.length != 3) {
            throw descriptor.malformed("has " + d.length + " values, expected 3 (entries, first mapped, bits)");
        }
        int entryCount = d[0] == 0 ? 65536 : (int) (d[0] & 0xFFFF);
        int first = (int) (d[1] & 0xFFFF);
        if (signedInput || descriptor.vr() == org.medimg4j.dicom.VR.SS) {
            first = (short) first;
        }
        int bits = (int) d[2];
        if (bits < 1 || bits > 16) {
            throw descriptor.malformed("bits per entry is " + bits + ", expected 1..16");
        }
        Attribute data = item.require(Tag.LUTData);
        byte[] raw = data.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(raw).order(data.byteOrder() == null ? ByteOrder.LITTLE_ENDIAN : data.byteOrder());
        int[] entries = new int[entryCount];
        if (raw.length >= 2L * entryCount) {
            for (int i = 0; i < entryCount; i++) {
                entries[i] = b.getShort(2 * i) & 0xFFFF;
            }
        } else if (bits <= 8 && raw.length >= entryCount) {
            // 8-bit entries packed two per 16-bit word (PS3.3 C.11.1.1.1 allows it): read the words in the data's
            // byte order, low byte first.
            for (int i = 0; i < entryCount; i++) {
                int word = b.getShort((i / 2) * 2) & 0xFFFF;
                entries[i] = (i & 1) == 0 ? word & 0xFF : word >>> 8;
            }
        } else {
            throw data.malformed("holds " + raw.length + " bytes, too few for the " + entryCount
                    + " entries the LUT Descriptor declares");
        }
        int mask = bits == 16 ? 0xFFFF : (1 << bits) - 1;
        for (int i = 0; i < entryCount; i++) {
            entries[i] &= mask;
        }
        return new LookupTable(first, entries, bits);
    }

    /** @return the output for one input value (clamped to the table's ends) */
    public int lookup(int input) {
        int i = input - firstMapped;
        return entries[i < 0 ? 0 : i >= entries.length ? entries.length - 1 : i];
    }

    /** @return the number of entries */
    public int size() {
        return entries.length;
    }

    /** @return the largest output value the entry width allows, 2^bits − 1 */
    public int maxOutput() {
        return (1 << bits) - 1;
    }

    @Override
    public int[] entries() {
        return entries.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupTable t && t.firstMapped == firstMapped && t.bits == bits
                && java.util.Arrays.equals(t.entries, entries);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * firstMapped + bits) + java.util.Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        return "LookupTable[" + entries.length + " entries from " + firstMapped + ", " + bits + " bits]";
    }
}
