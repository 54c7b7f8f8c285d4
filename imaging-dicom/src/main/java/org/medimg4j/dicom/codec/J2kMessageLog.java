package org.medimg4j.dicom.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.MsgLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what JJ2000 says while it decodes one frame. JJ2000 reports trouble through a per-thread message logger,
 * not exceptions — a truncated or inconsistent codestream gives a {@code WARNING} and a partial image — and its
 * default logger prints to the console. While {@link #install()}ed on the decoding thread, this logger keeps the
 * warnings that mean lost data (so the decoder can fail) and sends the rest to SLF4J at debug level.
 */
final class J2kMessageLog implements MsgLogger, AutoCloseable {

    private static final Logger SLF4J = LoggerFactory.getLogger(Jpeg2000Decoder.class);
    /** Enough to explain a failure; a hostile stream could otherwise log without bound. */
    private static final int MAX_KEPT = 8;

    private final Thread thread;
    private final List<String> dataLoss = new ArrayList<>(2);

    private J2kMessageLog(Thread thread) {
        this.thread = thread;
    }

    /** @return a logger registered for the current thread until {@link #close()} */
    static J2kMessageLog install() {
        J2kMessageLog log = new J2kMessageLog(Thread.currentThread());
        FacilityManager.registerMsgLogger(log.thread, log);
        return log;
    }

    /** @return the first warning that means the codestream lost data, or null if there was none */
    String firstDataLoss() {
        return dataLoss.isEmpty() ? null : dataLoss.get(0);
    }

    @Override
    public void printmsg(int severity, String message) {
        if (severity >= WARNING && meansDataLoss(message)) {
            if (dataLoss.size() < MAX_KEPT) {
                dataLoss.add(message);
            }
        } else if (SLF4J.isDebugEnabled()) {
            SLF4J.debug("JJ2000: {}", message);
        }
    }

    /**
     * JJ2000's words for a codestream that ended early or lost tile-parts ("Codestream truncated in tile …",
     * "EOC marker not found. Codestream is corrupted.", "Some tile-parts have not been found …"). Others, such as
     * "does not indicate the total number of tile-parts" for a legal TNsot of 0, are harmless.
     */
    private static boolean meansDataLoss(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("truncat") || m.contains("corrupt") || m.contains("not been found")
                || m.contains("not found");
    }

    @Override
    public void println(String text, int firstLineIndent, int indent) {
        printmsg(INFO, text);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        FacilityManager.unregisterMsgLogger(thread);
    }
}
