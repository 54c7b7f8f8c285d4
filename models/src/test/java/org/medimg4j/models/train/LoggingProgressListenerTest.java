package org.medimg4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingProgressListenerTest {

    @TempDir
    Path dir;

    @Test
    void logsEveryEpochWithLossMetricAndThroughput() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LoggingProgressListener.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Trainer.builder().optimizer(Optimizer.sgd(0.1, 0.9)).epochs(2).outputDirectory(dir)
                    .validationMetric(ValidationMetric.auc(1))
                    .listener(new LoggingProgressListener(1, "auc")).build()
                    .fit(TinyNets.dense(1), InMemoryBatches.blobs(1, 2, 8), InMemoryBatches.blobs(2, 1, 8));
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, lines.stream().filter(l -> l.startsWith("epoch ") && l.contains(": loss ")
                && l.contains("auc ") && l.contains("examples/s")).count(), lines.toString());
        assertEquals(4, lines.stream().filter(l -> l.contains(" batch ")).count(), "2 epochs x 2 batches: " + lines);
        assertTrue(lines.get(lines.size() - 1).startsWith("training finished after epoch 1"), lines.toString());
    }

    @Test
    void everyBatchesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LoggingProgressListener(0, "x"));
        assertTrue(e.getMessage().contains("everyBatches"));
    }

    @Test
    void aZipWithoutTrainingStateIsNotACheckpoint() throws Exception {
        Path file = dir.resolve("plain.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.closeEntry();
        }
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(Checkpoint.STATE_ENTRY),
                e.getMessage());
        Files.writeString(file, "not a zip");
        e = assertThrows(java.io.IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("not a readable zip"), e.getMessage());
    }
}
