package org.medimg4j.models.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.medimg4j.core.file.AtomicFile;

/**
 * Writes the per-epoch metrics as CSV: header {@code epoch,train_loss,<metric name>,learning_rate,seconds,best},
 * one row per epoch, '.' as decimal separator, an empty cell where there is no validation metric. The whole file
 * is rewritten atomically after each epoch, so a reader never sees half a row and a resumed run keeps the rows of
 * the epochs before the resume.
 */
public final class MetricsCsv {

    private MetricsCsv() {
    }

    /**
     * @param file       the CSV file to (re)place
     * @param metricName the header of the validation column ("val" when empty)
     * @param history    the epochs, oldest first
     * @throws IOException when writing fails
     */
    public static void write(Path file, String metricName, List<EpochRecord> history) throws IOException {
        String col = metricName == null || metricName.isEmpty() ? "val" : metricName.replace(',', ';');
        StringBuilder sb = new StringBuilder("epoch,train_loss,").append(col).append(",learning_rate,seconds,best\n");
        for (EpochRecord e : history) {
            sb.append(e.epoch()).append(',')
                    .append(number(e.trainLoss())).append(',')
                    .append(number(e.validationValue())).append(',')
                    .append(number(e.learningRate())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", e.seconds())).append(',')
                    .append(e.best()).append('\n');
        }
        AtomicFile.write(file, tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(sb.toString());
            }
        });
    }

    private static String number(double v) {
        // Shortest round-tripping form (Double.toString), so that the CSV holds exactly the values trained with.
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
