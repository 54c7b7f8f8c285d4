package org.medimg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDumpCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Explicit VR little endian element with a short (2-byte) length. */
    private static void element(ByteArrayOutputStream o, int tag, String vr, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put((byte) vr.charAt(0)).put((byte) vr.charAt(1))
                .putShort((short) value.length);
        o.writeBytes(b.array());
        o.writeBytes(value);
    }

    /** A Part 10 file: meta group with the transfer syntax, then Patient Name and Rows. */
    private static Path smallFile(Path dir) throws Exception {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x00020010, "UI", "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[128]);
        f.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(f, 0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size())
                .array());
        f.writeBytes(meta.toByteArray());
        element(f, 0x00100010, "PN", "Doe^John".getBytes(StandardCharsets.US_ASCII));
        element(f, 0x00280010, "US", new byte[] {0, 2});
        Path p = dir.resolve("small.dcm");
        Files.write(p, f.toByteArray());
        return p;
    }

    @Test
    void dumpListsTheElementsLikeDcmdump(@TempDir Path dir) throws Exception {
        CliRun r = run("dicom", "dump", smallFile(dir).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("# Dicom-Meta-Information-Header"), r.out());
        assertTrue(r.out().contains(
                "(0010,0010) PN [Doe^John]                               #   8, 1 PatientName\n"), r.out());
        assertTrue(r.out().contains("(0028,0010) US 512 "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonPrintsTheDataSetAsTheDicomJsonModel(@TempDir Path dir) throws Exception {
        CliRun r = run("dicom", "dump", "--json", smallFile(dir).toString());
        assertEquals(0, r.status(), r.err());
        String compact = r.out().replaceAll("\\s+", "");
        assertEquals("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John\"}]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[512]}}", compact, "the meta group is left out");
    }

    @Test
    void aMissingFileFailsWithOneLineNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nothere.dcm");
        CliRun r = run("dicom", "dump", missing.toString());
        assertEquals(1, r.status());
        assertEquals(missing + ": no such file\n", r.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", r.out());
    }

    @Test
    void aFileThatIsNotDicomFailsWithOneLineNamingItAndTheReason(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.dcm");
        Files.write(junk, new byte[] {1, 2, 3});
        for (String[] args : new String[][] {{"dicom", "dump", junk.toString()},
            {"dicom", "dump", "--json", junk.toString()}}) {
            CliRun r = run(args);
            assertEquals(1, r.status(), r.out());
            String[] lines = r.err().split("\\R");
            assertEquals(1, lines.length, r.err());
            assertTrue(lines[0].startsWith(junk + ": ") && lines[0].length() > junk.toString().length() + 4,
                    lines[0]);
        }
    }

    @Test
    void theDicomGroupListsItsCommands() {
        CliRun r = run("dicom");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("dump"), r.out());
        CliRun h = run("dicom", "dump", "--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("--json"), h.out());
    }
}
