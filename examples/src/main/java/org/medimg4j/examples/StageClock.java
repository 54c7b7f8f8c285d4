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

    /**
     * @return the CPU time this JVM has used, s, all threads (NaN where the platform does not say): on a shared
     *         machine the wall time depends on the neighbours' load, the CPU time much less
     */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long ns = sun.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** @return the system load average over the last minute (NaN where unavailable) */
    static double loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }
}
