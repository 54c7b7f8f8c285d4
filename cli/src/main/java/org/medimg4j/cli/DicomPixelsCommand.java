package org.medimg4j.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.pixel.DicomImage;
import org.medimg4j.dicom.pixel.FrameDigest;
import org.medimg4j.dicom.pixel.ImagePixelModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code medimg dicom pixels FILE [--raw OUTFILE]}: decodes every frame and prints one JSON object — the Image
 * Pixel attributes, the decoded photometric interpretation, and per frame the SHA-256, min, max and sum of the
 * stored values written canonically ({@link FrameDigest}, the conformance corpus' hashing rule). {@code --raw}
 * writes those canonical bytes of all frames. A file that cannot be read or decoded: exit status 1 and one line on
 * stderr naming the file and the reason. The decoding and hashing are the library's; this class only prints.
 */
@Command(name = "pixels", mixinStandardHelpOptions = true,
        description = {"Decodes every frame of a DICOM file; prints its pixel attributes and per-frame hashes as JSON.",
            "One object:",
            "{\"transferSyntaxUID\", \"rows\", \"columns\", \"numberOfFrames\", \"samplesPerPixel\", \"bitsAllocated\","
                + " \"bitsStored\", \"pixelRepresentation\", \"photometricInterpretation\", \"decodedPhotometric\","
                + " \"frames\": [{\"sha256\", \"min\", \"max\", \"sum\"}, ...]}",
            "Values are the stored pixel values (masked to Bits Stored, sign-extended), samples interleaved, each"
                + " written little endian in 8, 16 or 32 bits as Bits Allocated says (8 for 1-bit data)."})
final class DicomPixelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the DICOM file")
    Path file;

    @Option(names = "--raw", paramLabel = "OUTFILE",
            description = "also write the hashed bytes of all frames, concatenated, to OUTFILE")
    Path raw;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DicomFile dicom = DicomFile.read(file)) {
            DicomImage image = DicomImage.of(dicom);
            String json = raw == null ? describe(dicom, image, null) : withRaw(dicom, image);
            out.println(json);
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(oneLine(e));
            err.flush();
            return 1;
        }
    }

    private String withRaw(DicomFile dicom, DicomImage image) throws IOException {
        boolean done = false;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
            String json = describe(dicom, image, o);
            done = true;
            return json;
        } finally {
            if (!done) {
                // Never leave a partial --raw file that a caller could take for the whole object.
                Files.deleteIfExists(raw);
            }
        }
    }

    /** Decodes every frame (one reused buffer) and returns the JSON object; writes canonical bytes to rawOut. */
    private static String describe(DicomFile dicom, DicomImage image, OutputStream rawOut) throws IOException {
        ImagePixelModule m = image.pixelModule();
        StringBuilder sb = new StringBuilder(256 + 160 * image.frameCount());
        sb.append("{\"transferSyntaxUID\": ").append(string(dicom.transferSyntax().uid()))
                .append(", \"rows\": ").append(m.rows())
                .append(", \"columns\": ").append(m.columns())
                .append(", \"numberOfFrames\": ").append(m.numberOfFrames())
                .append(", \"samplesPerPixel\": ").append(m.samplesPerPixel())
                .append(", \"bitsAllocated\": ").append(m.bitsAllocated())
                .append(", \"bitsStored\": ").append(m.bitsStored())
                .append(", \"pixelRepresentation\": ").append(m.pixelRepresentation())
                .append(", \"photometricInterpretation\": ").append(string(m.photometric()))
                .append(", \"decodedPhotometric\": ").append(string(image.decodedPhotometric()))
                .append(", \"frames\": [");
        FrameInfo info = image.frameInfo();
        SampleBuffer buf = image.newFrameBuffer();
        for (int f = 0; f < image.frameCount(); f++) {
            image.decodeFrame(f, buf);
            FrameDigest d = FrameDigest.of(info, buf);
            if (rawOut != null) {
                rawOut.write(FrameDigest.canonicalBytes(info, buf));
            }
            sb.append(f == 0 ? "" : ", ").append("{\"sha256\": ").append(string(d.sha256()))
                    .append(", \"min\": ").append(d.min())
                    .append(", \"max\": ").append(d.max())
                    .append(", \"sum\": ").append(d.sum()).append('}');
        }
        return sb.append("]}").toString();
    }

    /** @return a JSON string literal (RFC 8259 escapes) */
    private static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** @return one line naming the file and the reason, for stderr (no stack trace) */
    private String oneLine(Exception e) {
        String name = file.toString();
        String reason;
        if (e instanceof NoSuchFileException n) {
            reason = (n.getFile() == null ? name : n.getFile()) + ": no such file";
        } else if (e instanceof AccessDeniedException a) {
            reason = (a.getFile() == null ? name : a.getFile()) + ": permission denied";
        } else if (e instanceof RuntimeException) {
            // Not a documented failure: say what it was, so that the bug can be reported.
            reason = e.toString();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String line = reason.contains(name) ? reason : name + ": " + reason;
        return "medimg dicom pixels: " + line.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
