package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveriesTest {
    @TempDir
    Path dir;

    @Test
    void a_full_queue_drops_the_oldest_reports_so_the_newest_repair_is_still_told() {
        Path other = dir.resolve("other-home");
        for (int i = 0; i < 1000; i++) {
            Recoveries.report(other.resolve("f" + i), true, "flood");
        }
        Recoveries.report(dir.resolve("mine").resolve("config.properties"), true, "primary damaged");
        List<Recoveries.Recovered> mine = Recoveries.drain(dir.resolve("mine"));
        assertEquals(1, mine.size(), "reports are drained per home, and the newest one survives a flood");
        assertTrue(mine.get(0).fromCopy());
        assertTrue(Recoveries.drain(other).size() <= 256, "the queue stays bounded");
    }
}
