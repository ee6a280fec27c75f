package dev.memos.token;

import dev.memos.store.Recoveries;
import dev.memos.testing.ByteFlips;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay high-water mark repairs itself from its verified copy (FORMAT.md §11.7, §17). */
class ReplayMarkSelfHealingTest {
    @TempDir
    Path dir;

    @AfterEach
    void drain() {
        Recoveries.drain(dir);
    }

    @Test
    void the_replay_mark_heals_from_every_flipped_byte() throws Exception {
        ReplayMark mark = new ReplayMark(1_790_000_039L, 1_790_000_039L);
        mark.save(dir);
        ByteFlips.eachFlipHeals(dir.resolve(ReplayMark.FILE), () -> ReplayMark.load(dir), mark, Integer.MAX_VALUE, 16);
    }
}
