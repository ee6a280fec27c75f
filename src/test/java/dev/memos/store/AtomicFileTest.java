package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replaces_content_with_owner_only_mode() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFile.write(f, new byte[] {1});
        AtomicFile.write(f, new byte[] {2, 3});
        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void failed_write_keeps_old_content_and_leaves_no_temp_file() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFile.write(f, new byte[] {1});
        assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
