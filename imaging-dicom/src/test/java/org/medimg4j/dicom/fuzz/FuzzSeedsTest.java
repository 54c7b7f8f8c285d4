package org.medimg4j.dicom.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.codec.FrameDecoder;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.Jpeg2000Decoder;
import org.medimg4j.dicom.codec.JpegBaselineDecoder;
import org.medimg4j.dicom.codec.JpegLosslessDecoder;
import org.medimg4j.dicom.codec.RleDecoder;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.opentest4j.TestAbortedException;

/**
 * The fuzz targets' input format and seeds: the frame header reads as documented, and each seed is what it claims
 * to be (a frame its decoder accepts, a file the parser reads or, for "malformed_" seeds, refuses). A seed that
 * only ever hits the first "not my format" check would still pass the regression run, yet guide the fuzzer nowhere.
 *
 * <p>Inputs named with a libFuzzer artifact prefix (crash-, timeout-, oom-, slow-unit-, leak-) are regression
 * inputs Jazzer wrote; they need only not break the property, which the fuzz tests themselves check.
 */
class FuzzSeedsTest {

    private static final List<String> ARTIFACT_PREFIXES = List.of("crash-", "timeout-", "oom-", "slow-unit-",
            "leak-");

    @Test
    void headerBytesGiveTheFrameFormat() {
        byte flags = (byte) (1 | 1 << 1 | 8 | 16 | 4 << 5); // 3 samples, 16 bits, signed, planar 1, YBR_FULL_422
        FuzzedFrame frame = FuzzedFrame.of(new byte[] {59, 79, flags, 11, 42, 43}).orElseThrow();

        assertEquals(new FrameInfo(60, 80, 3, 16, 12, true, 1, "YBR_FULL_422"), frame.info());
        assertEquals(2, frame.codestream().remaining());
        assertEquals(42, frame.codestream().get());
    }

    @Test
    void headerCoversTheWholeRangeOfEachField() {
        FrameInfo smallest = FuzzedFrame.of(new byte[] {0, 0, 0, 0}).orElseThrow().info();
        FrameInfo largest = FuzzedFrame.of(new byte[] {-1, -1, -1, -1}).orElseThrow().info();
        FrameInfo ints = FuzzedFrame.of(new byte[] {0, 0, 2 << 1, 31}).orElseThrow().info();

        assertEquals(new FrameInfo(1, 1, 1, 8, 1, false, 0, "MONOCHROME2"), smallest);
        assertEquals(new FrameInfo(256, 256, 3, 8, 8, true, 1, "PALETTE COLOR"), largest);
        assertEquals(32, ints.bitsAllocated());
        assertEquals(32, ints.bitsStored());
        assertEquals(0, FuzzedFrame.of(new byte[4]).orElseThrow().codestream().remaining());
    }

    @Test
    void inputShorterThanTheHeaderHasNoFrame() {
        assertTrue(FuzzedFrame.of(new byte[FuzzedFrame.HEADER_BYTES - 1]).isEmpty());
    }

    @Test
    void truncatedSeedIsRefusedWithDicomException() throws IOException {
        Path seed = seeds("RleDecoderFuzzTest", "decode").get(0);
        byte[] bytes = Files.readAllBytes(seed);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        FuzzedFrame frame = FuzzedFrame.of(truncated).orElseThrow();

        assertThrows(DicomException.class, () -> new RleDecoder().decode(frame.codestream(), frame.info(),
                SampleBuffer.allocate(frame.info())));
        assertFalse(FuzzedFrame.of(truncated).orElseThrow().decodeWith(new RleDecoder()));
    }

    @Test
    void decoderLookUpCreatesTheNamedDecoderOrSkips() throws ReflectiveOperationException {
        assertTrue(JpegLsDecoderFuzzTest.lookUp(RleDecoder.class.getName()) instanceof RleDecoder);
        assertThrows(TestAbortedException.class,
                () -> JpegLsDecoderFuzzTest.lookUp("org.medimg4j.dicom.codec.NoSuchDecoder"));
        assertThrows(ClassCastException.class, () -> JpegLsDecoderFuzzTest.lookUp(String.class.getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RleDecoderFuzzTest", "JpegLosslessDecoderFuzzTest", "JpegBaselineDecoderFuzzTest",
        "Jpeg2000DecoderFuzzTest", "JpegLsDecoderFuzzTest"})
    void everySeedFrameDecodes(String fuzzTest) throws Exception {
        List<Path> seeds = seeds(fuzzTest, "decode");
        FrameDecoder decoder = decoderFor(fuzzTest);

        assertFalse(seeds.isEmpty(), fuzzTest + " has no seeds");
        for (Path seed : seeds) {
            if (isSeed(seed)) {
                assertTrue(FuzzedFrame.of(Files.readAllBytes(seed)).orElseThrow().decodeWith(decoder),
                        seed.getFileName() + " is refused by " + decoder.getClass().getSimpleName());
            }
        }
    }

    @Test
    void everyParserSeedReadsUnlessNamedMalformed() throws IOException {
        List<Path> seeds = seeds("DicomFileFuzzTest", "read");
        int malformed = 0;

        for (Path seed : seeds) {
            if (!isSeed(seed)) {
                continue;
            }
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(seed));
            String name = seed.getFileName().toString();
            if (name.startsWith("malformed_")) {
                malformed++;
                assertThrows(DicomException.class, () -> DicomFile.read(bytes, name), name);
            } else {
                try (DicomFile file = DicomFile.read(bytes, name)) {
                    assertFalse(file.dataSet().isEmpty(), name + " reads as an empty data set");
                }
            }
        }
        assertTrue(malformed > 0 && malformed < seeds.size(), "seeds of both kinds: " + malformed + " malformed of "
                + seeds.size());
    }

    private static FrameDecoder decoderFor(String fuzzTest) throws ReflectiveOperationException {
        return switch (fuzzTest) {
            case "RleDecoderFuzzTest" -> new RleDecoder();
            case "JpegLosslessDecoderFuzzTest" -> new JpegLosslessDecoder();
            case "JpegBaselineDecoderFuzzTest" -> new JpegBaselineDecoder();
            case "Jpeg2000DecoderFuzzTest" -> new Jpeg2000Decoder();
            case "JpegLsDecoderFuzzTest" -> JpegLsDecoderFuzzTest.lookUp(JpegLsDecoderFuzzTest.DECODER_CLASS);
            default -> throw new IllegalArgumentException("fuzzTest " + fuzzTest + " is not a decoder target");
        };
    }

    /** @return the files of a target's Jazzer inputs directory ({@code <Class>Inputs/<method>/}), sorted */
    private static List<Path> seeds(String fuzzTest, String method) throws IOException {
        URL dir = FuzzSeedsTest.class.getResource(fuzzTest + "Inputs/" + method);
        assertTrue(dir != null, "no inputs directory " + fuzzTest + "Inputs/" + method + " on the class path");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static boolean isSeed(Path input) {
        String name = input.getFileName().toString();
        return ARTIFACT_PREFIXES.stream().noneMatch(name::startsWith);
    }
}
