package org.medimg4j.dicom.codec;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.medimg4j.dicom.DicomException;

/**
 * Runs decodes of hostile input on one reused worker thread with a time bound per input, so a decoder that hangs
 * fails the test instead of stalling it; the outcome must be a frame or a {@link DicomException}, nothing else.
 */
final class RleJpegLosslessBoundedDecode implements AutoCloseable {

    private static final long LIMIT_SECONDS = 5;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bounded-decode");
        t.setDaemon(true);
        return t;
    });

    /**
     * @return null when the input decoded, else the DicomException's message
     * @throws AssertionError when the decode exceeds the time bound or throws anything but a DicomException
     */
    String decode(FrameDecoder decoder, byte[] input, FrameInfo info, String what) throws InterruptedException {
        Future<String> result = worker.submit(() -> {
            try {
                decoder.decode(ByteBuffer.wrap(input), info, SampleBuffer.allocate(info));
                return null;
            } catch (DicomException e) {
                return e.getMessage();
            }
        });
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail(what + ": no result within " + LIMIT_SECONDS + " s");
        } catch (ExecutionException e) {
            return fail(what + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
