package org.medimg4j.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medimg4j.dicom.DicomBytes.EXPLICIT_BE;
import static org.medimg4j.dicom.DicomBytes.EXPLICIT_LE;
import static org.medimg4j.dicom.DicomBytes.IMPLICIT_LE;
import static org.medimg4j.dicom.DicomBytes.JPEG_BASELINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medimg4j.dicom.DicomBytes;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.VR;

class DicomJsonWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(DicomBytes ds, String transferSyntax) throws Exception {
        return json(ds, transferSyntax, DicomJsonWriter.standard());
    }

    private static JsonNode json(DicomBytes ds, String transferSyntax, DicomJsonWriter writer) throws Exception {
        try (DicomFile f = ds.read(transferSyntax)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(f, out);
            return MAPPER.readTree(out.toByteArray());
        }
    }

    private static String text(JsonNode n) {
        return n.toString();
    }

    @Test
    void emptyValuesHaveOnlyTheirVr() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE)
                .element(0x00080050, VR.SH, new byte[0])
                .element(0x00080090, VR.PN, new byte[0])
                .element(0x00101030, VR.DS, new byte[0])
                .element(0x00101040, VR.LO, "  ".getBytes(StandardCharsets.US_ASCII))
                .element(0x00281052, VR.DS, new byte[0])
                .sequence(0x00081115, VR.SQ, DicomBytes.of(EXPLICIT_LE))
                .element(0x00283006, VR.US, new byte[0])
                .element(0x00420011, VR.OB, new byte[0]);
        JsonNode j = json(ds, EXPLICIT_LE);
        for (String key : List.of("00080050", "00080090", "00101030", "00101040", "00081115", "00283006",
                "00420011")) {
            JsonNode a = j.get(key);
            assertEquals(1, a.size(), key + ": " + a);
            assertTrue(a.has("vr"), key);
        }
        assertEquals("SQ", j.get("00081115").get("vr").asText());
        assertEquals("OB", j.get("00420011").get("vr").asText());
    }

    @Test
    void anEmptyValueAmongSeveralIsNull() throws Exception {
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE)
                .text(0x00080008, VR.CS, "ORIGINAL\\\\AXIAL")
                .text(0x00200037, VR.DS, "1\\\\0"), EXPLICIT_LE);
        assertEquals("[\"ORIGINAL\",null,\"AXIAL\"]", text(j.get("00080008").get("Value")));
        assertEquals("[1,null,0]", text(j.get("00200037").get("Value")));
    }

    @Test
    void multiValuedNumbersAreJsonNumbers() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE);
        ds.text(0x00181050, VR.DS, "1.5\\-1024\\+2\\.5\\5.\\1e3 ")
                .binary(0x00181310, VR.US, ds.buffer(4).putShort((short) 1).putShort((short) -1))
                .binary(0x00189087, VR.FD, ds.buffer(8).putDouble(1.0 / 3))
                .binary(0x00189218, VR.UL, ds.buffer(4).putInt(-1))
                .binary(0x00189219, VR.FL, ds.buffer(8).putFloat(0.1f).putFloat(-2.5f))
                .binary(0x0018921A, VR.SL, ds.buffer(4).putInt(-7))
                .text(0x00200013, VR.IS, " 12\\-3\\+4")
                .binary(0x00281101, VR.SS, ds.buffer(4).putShort((short) -1).putShort((short) 2));
        JsonNode j = json(ds, EXPLICIT_LE);
        JsonNode dsv = j.get("00181050").get("Value");
        assertEquals(6, dsv.size());
        double[] want = {1.5, -1024, 2, 0.5, 5, 1000};
        for (int i = 0; i < want.length; i++) {
            assertTrue(dsv.get(i).isNumber(), dsv.toString());
            assertEquals(want[i], dsv.get(i).doubleValue(), 0.0, dsv.toString());
        }
        assertEquals("[12,-3,4]", text(j.get("00200013").get("Value")));
        assertEquals("[1,65535]", text(j.get("00181310").get("Value")));
        assertEquals("[-1,2]", text(j.get("00281101").get("Value")));
        JsonNode fl = j.get("00189219").get("Value");
        assertEquals(0.1f, (float) fl.get(0).doubleValue());
        assertEquals("0.1", fl.get(0).toString(), "FL at float precision, not 0.10000000149011612");
        assertEquals(-2.5, fl.get(1).doubleValue());
        assertEquals(1.0 / 3, j.get("00189087").get("Value").get(0).doubleValue());
        assertEquals("[-7]", text(j.get("0018921A").get("Value")));
        assertEquals("[4294967295]", text(j.get("00189218").get("Value")));
    }

    @Test
    void veryLongIntegersBeyondTwoToThe53AreStrings() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE);
        long safe = (1L << 53) - 1;
        ds.binary(0x00720082, VR.SV, ds.buffer(24).putLong(-safe).putLong(safe + 1).putLong(Long.MIN_VALUE))
                .binary(0x00720083, VR.UV, ds.buffer(16).putLong(safe).putLong(-1L));
        JsonNode j = json(ds, EXPLICIT_LE);
        JsonNode sv = j.get("00720082").get("Value");
        assertTrue(sv.get(0).isNumber());
        assertEquals(-safe, sv.get(0).longValue());
        assertEquals("9007199254740992", sv.get(1).textValue());
        assertEquals("-9223372036854775808", sv.get(2).textValue());
        JsonNode uv = j.get("00720083").get("Value");
        assertEquals(safe, uv.get(0).longValue());
        assertEquals("18446744073709551615", uv.get(1).textValue());
    }

    @Test
    void attributeTagsAreHexStringsInEitherByteOrder() throws Exception {
        for (String ts : List.of(EXPLICIT_LE, EXPLICIT_BE)) {
            DicomBytes ds = DicomBytes.of(ts);
            ds.binary(0x00209165, VR.AT, ds.buffer(8).putShort((short) 0x0010).putShort((short) 0x0020)
                    .putShort((short) 0x7FE0).putShort((short) 0x0010));
            assertEquals("[\"00100020\",\"7FE00010\"]", text(json(ds, ts).get("00209165").get("Value")), ts);
        }
    }

    @Test
    void personNamesAreObjectsWithTheirComponentGroups() throws Exception {
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE)
                .text(0x00080005, VR.CS, "ISO_IR 192")
                .text(0x00100010, VR.PN, "Wang^XiaoDong=王^小东=", StandardCharsets.UTF_8)
                .text(0x00101001, VR.PN, "Doe^John\\\\=^^^Dr"), EXPLICIT_LE);
        assertEquals("[{\"Alphabetic\":\"Wang^XiaoDong\",\"Ideographic\":\"王^小东\"}]",
                text(j.get("00100010").get("Value")));
        assertEquals("[{\"Alphabetic\":\"Doe^John\"},null,{\"Ideographic\":\"^^^Dr\"}]",
                text(j.get("00101001").get("Value")));
        assertEquals("[\"ISO_IR 192\"]", text(j.get("00080005").get("Value")), "(0008,0005) kept as in the file");
    }

    @Test
    void textIsDecodedWithTheSpecificCharacterSet() throws Exception {
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE)
                .text(0x00080005, VR.CS, "ISO_IR 100")
                .text(0x00100010, VR.PN, "Buc^Jérôme")
                .text(0x00081030, VR.LO, "Crâne"), EXPLICIT_LE);
        assertEquals("Buc^Jérôme", j.get("00100010").get("Value").get(0).get("Alphabetic").asText());
        assertEquals("Crâne", j.get("00081030").get("Value").get(0).asText());
    }

    @Test
    void nestedSequencesAreArraysOfItemObjects() throws Exception {
        DicomBytes inner = DicomBytes.of(EXPLICIT_LE)
                .itemUndefined(DicomBytes.of(EXPLICIT_LE).text(0x00081150, VR.UI, "1.2.3"))
                .item(DicomBytes.of(EXPLICIT_LE));
        DicomBytes outer = DicomBytes.of(EXPLICIT_LE)
                .item(DicomBytes.of(EXPLICIT_LE).sequenceUndefined(0x00081199, VR.SQ, inner)
                        .text(0x0020000E, VR.UI, "4.5"))
                .itemUndefined(DicomBytes.of(EXPLICIT_LE).text(0x00100020, VR.LO, "ID"));
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE).sequence(0x00081115, VR.SQ, outer), EXPLICIT_LE);
        assertEquals("{\"vr\":\"SQ\",\"Value\":[{\"00081199\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":"
                + "{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}},{}]},\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"4.5\"]}},"
                + "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"ID\"]}}]}", text(j.get("00081115")));
    }

    @Test
    void encodingAttributesAreLeftOutAtEveryLevel() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE);
        ds.binary(0x00080000, VR.UL, ds.buffer(4).putInt(10))
                .sequence(0x00081115, VR.SQ, DicomBytes.of(EXPLICIT_LE).item(DicomBytes.of(EXPLICIT_LE)
                        .binary(0x00080000, VR.UL, ds.buffer(4).putInt(14))
                        .text(0x00081150, VR.UI, "1.2")))
                .text(0x00100010, VR.PN, "A")
                .element(0xFFFCFFFC, VR.OB, new byte[4]);
        JsonNode j = json(ds, EXPLICIT_LE);
        assertEquals(List.of("00081115", "00100010"), fieldNames(j));
        assertEquals(List.of("00081150"), fieldNames(j.get("00081115").get("Value").get(0)));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void privateAttributesKeepTheirExplicitVrAndAreUnInImplicitVr() throws Exception {
        DicomBytes explicit = DicomBytes.of(EXPLICIT_LE).text(0x00090010, VR.LO, "ACME 1.0")
                .text(0x00091001, VR.SH, "abc");
        JsonNode e = json(explicit, EXPLICIT_LE);
        assertEquals("{\"vr\":\"LO\",\"Value\":[\"ACME 1.0\"]}", text(e.get("00090010")));
        assertEquals("{\"vr\":\"SH\",\"Value\":[\"abc\"]}", text(e.get("00091001")));
        DicomBytes implicit = DicomBytes.of(IMPLICIT_LE).text(0x00090010, VR.LO, "ACME 1.0")
                .element(0x00091001, VR.UN, new byte[] {'a', 'b', 'c'});
        JsonNode i = json(implicit, IMPLICIT_LE);
        assertEquals("{\"vr\":\"LO\",\"Value\":[\"ACME 1.0\"]}", text(i.get("00090010")),
                "private creators are LO by definition (PS3.5 7.8.1)");
        assertEquals("UN", i.get("00091001").get("vr").asText());
        assertEquals("YWJj", i.get("00091001").get("InlineBinary").asText(), "the 3 bytes as stored, odd length kept");
    }

    @Test
    void publicAttributesWrittenAsUnGetTheirDictionaryVrAndUndefinedLengthUnIsASequence() throws Exception {
        DicomBytes item = DicomBytes.of(IMPLICIT_LE).text(0x00081150, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE)
                .element(0x00100010, VR.UN, "Doe^Jane".getBytes(StandardCharsets.US_ASCII))
                .sequenceUndefined(0x44531001, VR.UN, DicomBytes.of(IMPLICIT_LE).itemUndefined(item));
        JsonNode j = json(ds, EXPLICIT_LE);
        assertEquals("{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jane\"}]}", text(j.get("00100010")));
        assertEquals("{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":"
                + "[\"1.2.840.10008.5.1.4.1.1.2\"]}}]}", text(j.get("44531001")), "CP-246");
    }

    @Test
    void binaryValuesOverTheThresholdAreBulkDataAndTheRestInline() throws Exception {
        byte[] at = new byte[1024];
        byte[] over = new byte[1025];
        for (int i = 0; i < over.length; i++) {
            over[i] = (byte) i;
        }
        System.arraycopy(over, 0, at, 0, at.length);
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE)
                .element(0x00091010, VR.OB, at)
                .element(0x00091011, VR.UN, over)
                .element(0x00091012, VR.OW, new byte[] {1, 2, 3, 4})
                .element(0x7FE00010, VR.OW, new byte[] {5, 0, 6, 0});
        JsonNode j = json(ds, EXPLICIT_LE);
        assertEquals(Base64.getEncoder().encodeToString(at), j.get("00091010").get("InlineBinary").asText());
        assertEquals("{\"vr\":\"UN\",\"BulkDataURI\":\"\"}", text(j.get("00091011")));
        assertEquals("{\"vr\":\"OW\",\"InlineBinary\":\"AQIDBA==\"}", text(j.get("00091012")));
        assertEquals("{\"vr\":\"OW\",\"InlineBinary\":\"BQAGAA==\"}", text(j.get("7FE00010")),
                "short native Pixel Data is read and inlined");
        JsonNode small = json(ds, EXPLICIT_LE, DicomJsonWriter.builder().bulkDataThreshold(3).build());
        assertEquals("{\"vr\":\"OW\",\"BulkDataURI\":\"\"}", text(small.get("00091012")));
        assertEquals("{\"vr\":\"OW\",\"BulkDataURI\":\"\"}", text(small.get("7FE00010")));
    }

    @Test
    void encapsulatedPixelDataIsAlwaysBulkData() throws Exception {
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE).encapsulated(new byte[] {(byte) 0xFF, (byte) 0xD8}),
                JPEG_BASELINE);
        assertEquals("{\"vr\":\"OB\",\"BulkDataURI\":\"\"}", text(j.get("7FE00010")));
    }

    @Test
    void bigEndianNumbersAreDecodedAndInlineBinaryIsTheBytesAsStored() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_BE);
        ds.binary(0x00280010, VR.US, ds.buffer(2).putShort((short) 512))
                .element(0x00091012, VR.OW, new byte[] {0, 1, 0, 2});
        JsonNode j = json(ds, EXPLICIT_BE);
        assertEquals("[512]", text(j.get("00280010").get("Value")));
        assertEquals("AAEAAg==", j.get("00091012").get("InlineBinary").asText());
    }

    @Test
    void decimalAndIntegerStringsThatAreNoNumbersAreKeptAsStrings() throws Exception {
        JsonNode j = json(DicomBytes.of(EXPLICIT_LE)
                .text(0x00280008, VR.IS, "1A")
                .text(0x00200013, VR.IS, "2.0")
                .text(0x00101030, VR.DS, "n/a"), EXPLICIT_LE);
        assertEquals("[\"1A\"]", text(j.get("00280008").get("Value")));
        assertEquals(2.0, j.get("00200013").get("Value").get(0).doubleValue());
        assertTrue(j.get("00200013").get("Value").get(0).isNumber());
        assertEquals("[\"n/a\"]", text(j.get("00101030").get("Value")));
    }

    @Test
    void compactOutputIsOneLineAndPrettyOutputOneAttributePerLine() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE).text(0x00100010, VR.PN, "A").text(0x00100020, VR.LO, "B");
        try (DicomFile f = ds.read(EXPLICIT_LE)) {
            String compact = DicomJsonWriter.builder().prettyPrint(false).build().toJson(f.dataSet());
            assertFalse(compact.contains("\n"), compact);
            assertEquals("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A\"}]},"
                    + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"B\"]}}", compact);
            String pretty = DicomJsonWriter.standard().toJson(f.dataSet());
            assertTrue(pretty.contains("\n  \"00100020\": {"), pretty);
            assertEquals(MAPPER.readTree(compact), MAPPER.readTree(pretty));
        }
    }

    @Test
    void aNegativeThresholdIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomJsonWriter.builder().bulkDataThreshold(-1));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        assertEquals(1024, DicomJsonWriter.standard().bulkDataThreshold());
        assertEquals(0, DicomJsonWriter.builder().bulkDataThreshold(0).build().bulkDataThreshold());
    }

    @Test
    void nonFiniteFloatsAreStrings() throws Exception {
        DicomBytes ds = DicomBytes.of(EXPLICIT_LE);
        ds.binary(0x00189087, VR.FD, ds.buffer(16).putDouble(Double.NaN).putDouble(Double.NEGATIVE_INFINITY));
        JsonNode v = json(ds, EXPLICIT_LE).get("00189087").get("Value");
        assertEquals("[\"NaN\",\"-Infinity\"]", text(v));
    }
}
