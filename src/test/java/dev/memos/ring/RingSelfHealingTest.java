package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.MirroredFile;
import dev.memos.store.Recoveries;
import dev.memos.testing.ByteFlips;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rings.bin and its rollback counter repair themselves from their verified copies (issue 16 §4, FORMAT.md §17). */
class RingSelfHealingTest {
    @TempDir
    Path home;

    private RingFixture withTwoEntries() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("first", "note");
        s.add("second", "note");
        return f;
    }

    @Test
    void a_flipped_byte_of_rings_bin_or_its_copy_is_repaired_and_the_memory_opens_unchanged() throws Exception {
        RingFixture f = withTwoEntries();
        // opening the rings verifies a signature and the chain: 40 + 16 spread positions keep this near 2 s
        ByteFlips.eachFlipHeals(f.dir().resolve(RingStore.FILE), () -> f.open().status().adds(), 2L, 40, 16);
        assertTrue(Recoveries.drain(home).stream().anyMatch(r -> r.fromCopy() && r.file().endsWith(RingStore.FILE)));
    }

    @Test
    void rings_bin_damaged_in_both_copies_fails_with_an_integrity_error_naming_the_file() throws Exception {
        RingFixture f = withTwoEntries();
        ByteFlips.bothFlippedFailCleanly(f.dir().resolve(RingStore.FILE), () -> f.open().status().adds(), 2L);
        Recoveries.drain(home);
    }

    @Test
    void a_flipped_byte_of_the_rollback_counter_or_its_copy_is_repaired() throws Exception {
        RingFixture f = withTwoEntries();
        Path ctr = FileRollbackCounter.defaultPath(home, RingFixture.ID);
        long generation = f.counter().current();
        // every byte of the primary (it is ~110 bytes), a spread sample of the copy
        ByteFlips.eachFlipHeals(ctr, () -> f.counter().current(), generation, Integer.MAX_VALUE, 24);
        ByteFlips.bothFlippedFailCleanly(ctr, () -> f.counter().current(), generation);
        Recoveries.drain(home);
    }

    @Test
    void a_valid_older_rings_file_put_over_the_primary_does_not_win_through_the_copy_path() throws Exception {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("first", "note");
        Path file = f.dir().resolve(RingStore.FILE);
        byte[] older = Files.readAllBytes(file); // validly MAC'd and signed, but not the current content
        s.add("second", "note");
        Files.write(file, older);
        assertEquals(2, f.open().status().adds(), "the verified copy, not the valid-looking primary, is the truth");
        // a copy forged without the rings MAC key (right layout, other content) never wins either
        Path copy = MirroredFile.copyOf(file);
        byte[] forged = Files.readAllBytes(copy);
        byte[] good = Files.readAllBytes(file);
        System.arraycopy(older, 0, forged, 26, Math.min(older.length, good.length));
        Files.write(copy, forged);
        assertEquals(2, f.open().status().adds());
        assertTrue(Recoveries.drain(home).stream().anyMatch(r -> !r.fromCopy()), "the forged copy was rewritten");
    }

    @Test
    void both_copies_missing_is_still_the_rollback_alarm() {
        RingFixture f = withTwoEntries();
        try {
            Files.delete(f.dir().resolve(RingStore.FILE));
            Files.delete(MirroredFile.copyOf(f.dir().resolve(RingStore.FILE)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        MemosException e = org.junit.jupiter.api.Assertions.assertThrows(MemosException.class, f::open);
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }
}
