package org.medimg4j.examples;

import java.util.Locale;

/** Wall time of each stage of an example, printed in brackets after the stage's lines. Package-private. */
final class StageClock {

    private long last = System.nanoTime();

    /** @return the seconds since the previous lap (or since construction), formatted "12.3 s" */
    String lap() {
        long now = System.nanoTime();
        double s = (now - last) / 1e9;
        last = now;
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
