package org.medimg4j.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.medimg4j.dicom.DicomException;
import org.medimg4j.dicom.DicomFile;
import org.medimg4j.dicom.PixelData;
import org.medimg4j.dicom.VR;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Native 16-bit decode of one 512×512 signed CT frame (Explicit VR Little Endian, {@code ct512_native.dcm}) into a
 * caller-supplied {@code short[]} that every operation reuses, on one thread, the file in the page cache.
 *
 * <ul>
 *   <li>{@link #readAndDecode()}: what a caller does for one frame — {@link DicomFile#read(Path)}, the Image Pixel
 *       attributes, the pixel bytes read by {@link PixelData#read(long, ByteBuffer)} into a reused direct buffer
 *       (the file is reopened for it), {@link NativePixels#decode} into the {@code short[]}, masking to Bits
 *       Stored, close. The peers are {@code pydicom.dcmread(f).pixel_array}, and DCMTK's {@code loadFile +
 *       findAndGetUint16Array} in-process ({@code peers/dcmtk_peer.cpp}).</li>
 *   <li>{@link #readOnly()}: {@link #readAndDecode()} without the unpack into the {@code short[]}: the frame's
 *       bytes end in the reused direct buffer, as DCMTK's in-process figure ends with them in DCMTK's buffer; the
 *       difference to {@link #readAndDecode()} is the price of a caller-supplied Java array.</li>
 *   <li>{@link #baselineChannelRead()}: the control — open the file, one positional {@link FileChannel} read of
 *       the frame's bytes (offset known from set-up) into the reused direct buffer, close; no DICOM at all. What
 *       any Java reader pays for the bytes; {@link #readOnly()} minus this is the cost of parsing the header.</li>
 *   <li>{@link #decodeOnly()}: {@link NativePixels#decode} and {@link StoredValues#normalize} from the frame's
 *       bytes already in memory, to separate the copy from parsing and I/O.</li>
 * </ul>
 *
 * <p>Reported as µs per frame; MB/s = {@value DicomBenchmarkFiles#FRAME_BYTES} bytes / (µs per op) (decimal MB, as
 * the peers script reports).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DicomNativeDecodeBenchmark {

    private Path file;
    private FrameInfo info;
    private ByteBuffer frameBytes;
    private long frameFileOffset;
    private ByteBuffer inMemoryFrame;
    private short[] samples;
    private SampleBuffer out;

    /** Finds (or makes) the file, sizes the reused buffers, and keeps a copy of the frame's bytes in memory. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = DicomBenchmarkFiles.directory().resolve(DicomBenchmarkFiles.NATIVE);
        try (DicomFile f = DicomFile.read(file)) {
            info = DicomBenchmarkFiles.frameInfo(f.dataSet());
            if (info.rows() != 512 || info.columns() != 512 || info.bitsAllocated() != 16
                    || f.transferSyntax().isEncapsulated()) {
                throw new IllegalStateException(file + " is not a native 512x512 16-bit frame: " + info + ", "
                        + f.transferSyntax() + "; remake it with dicom_peers.py make");
            }
            PixelData pixels = f.pixelData().orElseThrow(() -> new IllegalStateException(file + " has no Pixel Data"));
            int length = (int) NativePixels.frameLength(info, 0);
            frameBytes = ByteBuffer.allocateDirect(length);
            frameFileOffset = pixels.offset() + NativePixels.frameOffset(info, 0);
            inMemoryFrame = ByteBuffer.allocateDirect(length).order(pixels.byteOrder());
            pixels.read(NativePixels.frameOffset(info, 0), inMemoryFrame);
            inMemoryFrame.flip();
        }
        samples = new short[(int) info.samples()];
        out = SampleBuffer.of(samples, 0);
    }

    /** DicomFile.read + attributes + pixel read into the reused direct buffer + unpack into the reused short[]. */
    @Benchmark
    public short[] readAndDecode() throws IOException {
        try (DicomFile f = DicomFile.read(file)) {
            FrameInfo frame = DicomBenchmarkFiles.frameInfo(f.dataSet());
            PixelData pixels = f.pixelData().orElseThrow();
            ByteBuffer raw = frameBytes.clear();
            raw.limit((int) NativePixels.frameLength(frame, 0));
            pixels.read(NativePixels.frameOffset(frame, 0), raw);
            raw.flip();
            NativePixels.decode(raw, 0, frame, pixels.byteOrder(), pixels.vr() == VR.OW, out);
            StoredValues.normalize(frame, out);
        }
        return samples;
    }

    /** DicomFile.read + attributes + pixel read into the reused direct buffer; no unpack. */
    @Benchmark
    public ByteBuffer readOnly() throws IOException {
        try (DicomFile f = DicomFile.read(file)) {
            FrameInfo frame = DicomBenchmarkFiles.frameInfo(f.dataSet());
            PixelData pixels = f.pixelData().orElseThrow();
            ByteBuffer raw = frameBytes.clear();
            raw.limit((int) NativePixels.frameLength(frame, 0));
            pixels.read(NativePixels.frameOffset(frame, 0), raw);
            return raw.flip();
        }
    }

    /** Control: open, read the frame's bytes at their known offset into the reused direct buffer, close. */
    @Benchmark
    public ByteBuffer baselineChannelRead() throws IOException {
        ByteBuffer raw = frameBytes.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long p = frameFileOffset;
            while (raw.hasRemaining()) {
                int n = channel.read(raw, p);
                if (n < 0) {
                    throw new IOException(file + " ends before its pixel data");
                }
                p += n;
            }
        }
        return raw.flip();
    }

    /** Unpack only: the frame's bytes, already in memory, into the reused short[]. */
    @Benchmark
    public short[] decodeOnly() throws DicomException {
        NativePixels.decode(inMemoryFrame, 0, info, inMemoryFrame.order(), false, out);
        StoredValues.normalize(info, out);
        return samples;
    }
}
