package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.app.identity.HeadWatch;
import dev.memos.app.memory.CloneCheck;
import dev.memos.app.memory.MemoryResults;
import dev.memos.app.memory.MemoryService;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mem add}'s clone check in {@link MemoryService} (issue 16 §2): at most once an hour (clock
 * injected), nothing sent for an identity that does not watch, a fork found by a write quarantines and
 * exits 10 with the memory kept, and parallel writers never wait for a running check.
 */
class MemAddCloneCheckTest {
    @TempDir
    Path a;
    @TempDir
    Path b;

    private static HeadWatch watch(HeadWatch.Channel net, RingFixture f) {
        return HeadWatch.builder().channel(net).clock(f.clock).stateFile(f.home.resolve("head-watch.json")).build();
    }

    private static MemoryService service(RingStore store, HeadWatch watch) {
        return MemoryService.builder().rings(() -> store).cloneCheck(CloneCheck.of(id -> watch, () -> true)).build();
    }

    @Test
    void an_identity_that_never_watched_sends_nothing_on_a_write() {
        HeadWatchTest.Net net = new HeadWatchTest.Net();
        RingFixture f = new RingFixture(a);
        RingStore s = f.open();
        service(s, watch(net, f)).add("no backup yet", "note");
        assertEquals(0, net.lists);
        assertTrue(net.data.isEmpty());
    }

    @Test
    void checks_on_a_write_only_when_the_hour_is_up() {
        HeadWatchTest.Net net = new HeadWatchTest.Net();
        RingFixture f = new RingFixture(a);
        RingStore s = f.open();
        watch(net, f).run(new HeadWatch.Request(s, true, true)); // what id watch or the first backup does
        assertEquals(1, net.lists);
        MemoryService mem = service(s, watch(net, f));
        f.clock.advance(Duration.ofMinutes(59));
        mem.add("within the hour", "note");
        assertEquals(1, net.lists, "not due: no network");
        f.clock.advance(Duration.ofMinutes(2));
        mem.add("an hour later", "note");
        assertEquals(2, net.lists, "due: one check");
        mem.add("right after", "note");
        assertEquals(2, net.lists, "the check consumed the hour");
    }

    @Test
    void a_fork_found_by_a_write_quarantines_and_exits_10_with_the_memory_kept() throws Exception {
        HeadWatchTest.Net net = new HeadWatchTest.Net();
        RingFixture fa = new RingFixture(a);
        RingStore real = fa.open();
        real.add("life before the copy", "event");
        fa.clock.advance(Duration.ofHours(25));
        real.promote();
        watch(net, fa).run(new HeadWatch.Request(real, true, true));
        dev.memos.testing.TestFiles.copyTree(a, b);
        RingFixture fb = new RingFixture(b, new MutableClock(fa.clock.instant()), RingFixture.seed(7));
        RingStore clone = fb.open();
        clone.add("the clone drained a wallet", "event");
        fb.clock.advance(Duration.ofHours(25));
        clone.promote();
        watch(net, fb).run(new HeadWatch.Request(clone, true, true)); // the clone publishes its diverging head

        real.add("the real agent met Carol", "event");
        fa.clock.advance(Duration.ofHours(25));
        real.promote();
        MemosException e = assertThrows(MemosException.class, () -> service(real, watch(net, fa)).add("and then", "note"));
        assertEquals(ErrorKind.FORK_DETECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("is cloned") && e.getMessage().contains("check-fork"), e.getMessage());
        assertTrue(real.quarantined());
        assertTrue(fa.events.contains("fork-detected"), fa.events.toString());
        assertTrue(real.search("and then").size() == 1, "the write itself was kept");
    }

    @Test
    void a_network_failure_is_a_warning_and_the_write_stands() {
        RingFixture f = new RingFixture(a);
        RingStore s = f.open();
        HeadWatchTest.Net net = new HeadWatchTest.Net();
        watch(net, f).run(new HeadWatch.Request(s, true, true));
        f.clock.advance(Duration.ofHours(2));
        HeadWatch.Channel down = new Blocking(net, null) {
            @Override
            public List<HeadWatch.Candidate> list(Map<String, String> tags) {
                throw MemosException.network("gateway down", null);
            }
        };
        MemoryResults.Added r = service(s, watch(down, f)).add("offline", "note");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("clone check") && w.contains("did not run")), r.warnings().toString());
    }

    @Test
    void parallel_writes_skip_a_check_that_is_running_instead_of_waiting_for_it() throws Exception {
        RingFixture f = new RingFixture(a);
        RingStore s = f.open();
        HeadWatchTest.Net net = new HeadWatchTest.Net();
        watch(net, f).run(new HeadWatch.Request(s, true, true));
        f.clock.advance(Duration.ofHours(2));
        CountDownLatch inCheck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MemoryService mem = service(s, watch(new Blocking(net, new CountDownLatch[] {inCheck, release}), f));
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> checker = pool.submit(() -> mem.add("the one that checks", "note"));
            assertTrue(inCheck.await(10, TimeUnit.SECONDS), "the first write reached the check");
            List<Future<MemoryResults.Added>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "parallel " + i;
                others.add(pool.submit(() -> mem.add(text, "note")));
            }
            for (Future<MemoryResults.Added> o : others) {
                o.get(10, TimeUnit.SECONDS); // would time out if they queued behind the blocked check
            }
            assertFalse(checker.isDone(), "the check is still running");
            release.countDown();
            checker.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(9, s.search("").size(), "every write of the nine is stored");
    }

    /** Blocks in list() until released (when latches are given): a slow gateway. */
    static class Blocking implements HeadWatch.Channel {
        private final HeadWatchTest.Net net;
        private final CountDownLatch[] latches;

        Blocking(HeadWatchTest.Net net, CountDownLatch[] latches) {
            this.net = net;
            this.latches = latches;
        }

        @Override
        public String upload(byte[] data, Map<String, String> tags) {
            return net.upload(data, tags);
        }

        @Override
        public List<HeadWatch.Candidate> list(Map<String, String> tags) {
            if (latches != null) {
                latches[0].countDown();
                try {
                    latches[1].await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return net.list(tags);
        }

        @Override
        public java.util.Optional<byte[]> fetch(String txId, int maxBytes) {
            return net.fetch(txId, maxBytes);
        }
    }
}
