package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §4b in one JVM: several stores of one identity (a REPL that loaded earlier, parallel
 * callers) never write from a stale copy and never take another writer's generation for a rollback.
 * The cross-process case is ConcurrentWritersIT.
 */
class RingConcurrencyTest {
    @TempDir
    Path home;

    private RingFixture fixture() {
        RingFixture f = new RingFixture(home);
        f.limits = RingLimits.defaults().withRates(100_000, 1_000_000);
        return f;
    }

    private static List<String> texts(RingStore s) {
        return s.show(OptionalInt.empty()).stream().map(Entry::text).collect(Collectors.toList());
    }

    @Test
    void a_store_loaded_before_another_write_reloads_and_keeps_both_entries() {
        RingFixture f = fixture();
        RingStore stale = f.open();
        RingStore other = f.open();
        other.add("written by the other process", "note");
        stale.add("written by the stale session", "note");
        List<String> all = texts(f.open());
        assertTrue(all.contains("written by the other process"), "the stale copy must not overwrite it: " + all);
        assertTrue(all.contains("written by the stale session"), all.toString());
        assertFalse(f.events.contains("rollback-detected"), "another writer's generation is not a rollback: " + f.events);
    }

    @Test
    void a_sealed_entry_from_a_stale_store_gets_a_fresh_sequence_check() {
        RingFixture f = fixture();
        RingStore stale = f.open();
        SealedEntry sealed = stale.seal("handed over", "note");
        f.open().add("someone else took that sequence number", "note");
        assertThrows(stale, sealed);
        assertEquals(1, f.open().show(OptionalInt.empty()).size(), "the replayed sequence number was not stored");
    }

    private static void assertThrows(RingStore s, SealedEntry sealed) {
        org.junit.jupiter.api.Assertions.assertThrows(dev.memos.error.MemosException.class, () -> s.accept(sealed));
    }

    @Test
    void four_threads_with_their_own_stores_lose_no_write_and_raise_no_alarm() throws Exception {
        RingFixture f = fixture();
        f.open();
        int threads = 4;
        int each = 15;
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int w = t;
            Thread th = new Thread(() -> {
                try {
                    RingStore s = f.builder().signer(RingFixture.seed(7)).open();
                    start.await();
                    for (int j = 0; j < each; j++) {
                        s.add("thread " + w + " entry " + j, "note");
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            th.start();
            ts.add(th);
        }
        start.countDown();
        for (Thread th : ts) {
            th.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), errors);
        List<String> all = texts(f.open());
        assertEquals(threads * each, all.size(), all.toString());
        for (int t = 0; t < threads; t++) {
            for (int j = 0; j < each; j++) {
                assertTrue(all.contains("thread " + t + " entry " + j));
            }
        }
        assertFalse(f.events.contains("rollback-detected"), f.events.toString());
    }
}
