package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationFileTest {
    @TempDir
    Path tmp;

    @Test
    void skipping_zero_blocks_gives_back_the_same_bytes_for_any_write_sizes() throws Exception {
        Random r = new Random(11);
        for (int round = 0; round < 40; round++) {
            byte[] content = new byte[r.nextInt(5 * DestinationFile.BLOCK * 4)];
            for (int i = 0; i < content.length; i += DestinationFile.BLOCK) {
                if (r.nextBoolean()) { // half the blocks non-zero, some only in one byte
                    int end = Math.min(content.length, i + DestinationFile.BLOCK);
                    if (r.nextBoolean()) {
                        content[i + r.nextInt(end - i)] = 1;
                    } else {
                        for (int j = i; j < end; j++) {
                            content[j] = (byte) r.nextInt();
                        }
                    }
                }
            }
            Path f = tmp.resolve("f" + round);
            try (DestinationFile out = DestinationFile.create(f)) {
                int off = 0;
                while (off < content.length) {
                    int n = Math.min(content.length - off, 1 + r.nextInt(3 * DestinationFile.BLOCK));
                    out.write(content, off, n);
                    off += n;
                }
            }
            assertArrayEquals(content, Files.readAllBytes(f), "round " + round);
        }
    }

    @Test
    void a_file_that_ends_in_zeros_keeps_its_full_length() throws Exception {
        Path f = tmp.resolve("tail");
        try (DestinationFile out = DestinationFile.create(f)) {
            out.write(new byte[] {7}, 0, 1);
            out.write(new byte[3 * DestinationFile.BLOCK + 5], 0, 3 * DestinationFile.BLOCK + 5);
        }
        assertEquals(3 * DestinationFile.BLOCK + 6, Files.size(f));
        assertEquals(7, Files.readAllBytes(f)[0]);
    }

    @Test
    void full_disk_is_reported_as_no_space_on_the_destination_not_as_damage() {
        MemosException e = DestinationFile.failure(tmp.resolve("x"), new IOException("No space left on device"));
        assertEquals(ErrorKind.FAILURE, e.kind());
        assertTrue(e.getMessage().startsWith("no space on the destination"), e.getMessage());
        assertFalse(e.getMessage().contains("damaged"), e.getMessage());
        MemosException quota = DestinationFile.failure(tmp.resolve("x"), new FileSystemException("x", null, "Disk quota exceeded"));
        assertTrue(quota.getMessage().startsWith("no space on the destination"), quota.getMessage());
        MemosException other = DestinationFile.failure(tmp.resolve("x"), new IOException("Read-only file system"));
        assertEquals(ErrorKind.FAILURE, other.kind());
        assertTrue(other.getMessage().contains("Read-only file system"), other.getMessage());
    }

    @Test
    void refuses_to_overwrite_an_existing_file() throws Exception {
        Path f = Files.writeString(tmp.resolve("there"), "x");
        MemosException e = org.junit.jupiter.api.Assertions.assertThrows(MemosException.class, () -> DestinationFile.create(f));
        assertEquals(ErrorKind.FAILURE, e.kind());
        assertEquals("x", Files.readString(f));
    }
}
