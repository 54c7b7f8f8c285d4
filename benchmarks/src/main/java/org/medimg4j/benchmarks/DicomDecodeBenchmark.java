package org.medimg4j.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.TransferSyntax;
import org.medimg4j.dicom.codec.FrameDecoder;
import org.medimg4j.dicom.codec.FrameInfo;
import org.medimg4j.dicom.codec.SampleBuffer;
import org.medimg4j.dicom.pixel.NativePixels;
import org.medimg4j.dicom.pixel.StoredValues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compressed decode of one 512×512 16-bit signed CT frame — the native frame of {@link DicomNativeDecodeBenchmark}
 * transcoded by DCMTK (JPEG lossless process 14 SV1, JPEG-LS lossless, RLE) and GDCM (JPEG 2000 lossless, 5/3
 * wavelet) — into a caller-supplied {@code short[]} that every operation reuses, on one thread, the file in the
 * page cache. Each decoder is one of ours, behind {@link FrameDecoder}.
 *
 * <ul>
 *   <li>{@link #readAndDecode()}: {@link DicomFile#read(Path)}, the Image Pixel attributes, the frame's fragments
 *       read by {@link PixelData#readFragments} (a single-frame object's frame is all its fragments, PS3.5 A.4),
 *       decode, masking to Bits Stored, close. The peers are GDCM's {@code ImageReader.Read + GetBuffer}, pydicom's
 *       {@code pixel_array}, and DCMTK in-process ({@code peers/dcmtk_peer.cpp}: {@code loadFile +
 *       chooseRepresentation}) and through {@code dcmdjpeg}/{@code dcmdjpls}/{@code dcmdrle}.</li>
 *   <li>{@link #decodeOnly()}: the decoder alone, from the frame's compressed bytes already in a heap buffer, to
 *       separate the codec from parsing and I/O.</li>
 * </ul>
 *
 * <p>The JPEG-LS decoder ({@value #JPEG_LS_DECODER}) is looked up by name, so that this compiles before it is
 * merged; without it the {@code jpeg-ls} runs fail in set-up with a message saying so, and the others go on. Set-up
 * also checks that the decoder gives exactly the native frame's values, so a figure is never that of a wrong
 * decode. Reported as ms per frame.
 *
 * <p>Warm-up is 3 × 8 s: on a 2-core machine C2 needs about 8 s of compile time for JJ2000's large methods (JMH's
 * {@code -prof comp}), and with 3 × 2 s it was still compiling during measurement, inflating the JPEG 2000 figure by
 * a third and its spread several-fold. The other classes use the same warm-up so that one command runs them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DicomDecodeBenchmark {

    /** The JPEG-LS decoder's class, found at run time. */
    static final String JPEG_LS_DECODER = "org.medimg4j.dicom.codec.JpegLsDecoder";

    /** Which transfer syntax: its file, its UID and its decoder. */
    @Param({"jpeg-lossless", "jpeg-ls", "jpeg2000", "rle"})
    public String codec;

    private Path file;
    private FrameDecoder decoder;
    private FrameInfo info;
    private ByteBuffer compressedFrame;
    private short[] samples;
    private SampleBuffer out;

    /**
     * Finds (or makes) the files, makes the decoder, keeps the compressed frame in memory, and checks one decode
     * against the native frame.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = DicomBenchmarkFiles.directory();
        String decoderClass;
        TransferSyntax syntax;
        switch (codec) {
            case "jpeg-lossless" -> {
                file = dir.resolve(DicomBenchmarkFiles.JPEG_LOSSLESS);
                syntax = TransferSyntax.JPEG_LOSSLESS_SV1;
                decoderClass = "org.medimg4j.dicom.codec.JpegLosslessDecoder";
            }
            case "jpeg-ls" -> {
                file = dir.resolve(DicomBenchmarkFiles.JPEG_LS);
                syntax = TransferSyntax.JPEG_LS_LOSSLESS;
                decoderClass = JPEG_LS_DECODER;
            }
            case "jpeg2000" -> {
                file = dir.resolve(DicomBenchmarkFiles.JPEG_2000);
                syntax = TransferSyntax.JPEG_2000_LOSSLESS;
                decoderClass = "org.medimg4j.dicom.codec.Jpeg2000Decoder";
            }
            case "rle" -> {
                file = dir.resolve(DicomBenchmarkFiles.RLE);
                syntax = TransferSyntax.RLE_LOSSLESS;
                decoderClass = "org.medimg4j.dicom.codec.RleDecoder";
            }
            default -> throw new IllegalArgumentException("codec must be jpeg-lossless, jpeg-ls, jpeg2000 or rle, got "
                    + codec);
        }
        decoder = decoder(decoderClass);
        try (DicomFile f = DicomFile.read(file)) {
            if (f.transferSyntax() != syntax) {
                throw new IllegalStateException(file + " is " + f.transferSyntax() + ", expected " + syntax
                        + "; remake the files with dicom_peers.py make");
            }
            info = DicomBenchmarkFiles.frameInfo(f.dataSet());
            PixelData pixels = f.pixelData().orElseThrow(() -> new IllegalStateException(file + " has no Pixel Data"));
            compressedFrame = pixels.readFragments(0, pixels.fragmentCount());
        }
        samples = new short[(int) info.samples()];
        out = SampleBuffer.of(samples, 0);
        decodeOnly();
        short[] expected = nativeFrame(dir.resolve(DicomBenchmarkFiles.NATIVE));
        if (!Arrays.equals(samples, expected)) {
            throw new IllegalStateException(codec + ": " + decoderClass + " does not reproduce the native frame's"
                    + " values from " + file + "; a timing of a wrong decode would mean nothing");
        }
    }

    /** DicomFile.read + attributes + fragments read + decode into the reused short[] + mask + close. */
    @Benchmark
    public short[] readAndDecode() throws IOException {
        try (DicomFile f = DicomFile.read(file)) {
            FrameInfo frame = DicomBenchmarkFiles.frameInfo(f.dataSet());
            PixelData pixels = f.pixelData().orElseThrow();
            decoder.decode(pixels.readFragments(0, pixels.fragmentCount()), frame, out);
            StoredValues.normalize(frame, out);
        }
        return samples;
    }

    /** The codec alone: decode the in-memory compressed frame into the reused short[], then mask. */
    @Benchmark
    public short[] decodeOnly() throws DicomException {
        // The decoder may move the position (FrameDecoder's contract); the limit stays.
        compressedFrame.position(0);
        decoder.decode(compressedFrame, info, out);
        StoredValues.normalize(info, out);
        return samples;
    }

    private FrameDecoder decoder(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("codec=" + codec + " skipped: " + className + " is not on the classpath"
                    + " (not merged into this build yet); the other codecs are measured", e);
        }
        try {
            return type.asSubclass(FrameDecoder.class).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("codec=" + codec + ": " + className + " is not a FrameDecoder with a"
                    + " public no-argument constructor", e);
        }
    }

    private static short[] nativeFrame(Path nativeFile) throws IOException {
        try (DicomFile f = DicomFile.read(nativeFile)) {
            FrameInfo nativeInfo = DicomBenchmarkFiles.frameInfo(f.dataSet());
            PixelData pixels = f.pixelData().orElseThrow(() -> new IllegalStateException(nativeFile
                    + " has no Pixel Data"));
            ByteBuffer raw = pixels.read(NativePixels.frameOffset(nativeInfo, 0),
                    (int) NativePixels.frameLength(nativeInfo, 0));
            SampleBuffer buf = SampleBuffer.allocate(nativeInfo);
            NativePixels.decode(raw, 0, nativeInfo, pixels.byteOrder(), true, buf);
            StoredValues.normalize(nativeInfo, buf);
            return buf.shorts();
        }
    }
}
