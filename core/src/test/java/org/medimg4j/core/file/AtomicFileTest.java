package org.medimg4j.core.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void replacesTheTargetWithTheWholeNewContent() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        AtomicFile.write(target, tmp -> Files.writeString(tmp, "new content"));
        assertEquals("new content", Files.readString(target));
        assertEquals(1, entries(), "no temporary file left");
    }

    @Test
    void failingContentLeavesTheOldTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(1, entries());
    }

    @Test
    void missingDirectoryIsRefusedBeforeAnythingIsWritten() {
        Path target = dir.resolve("absent").resolve("out.bin");
        assertThrows(NoSuchFileException.class, () -> AtomicFile.write(target, tmp -> Files.writeString(tmp, "x")));
        assertEquals(false, Files.exists(dir.resolve("absent")));
    }
}
