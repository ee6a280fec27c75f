package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingStoreTest {
    @TempDir
    Path home;

    @Test
    void add_show_search_roundtrip_and_reopen() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("Met Alice about the Arweave budget.", "event");
        s.add("Bob prefers tea.", null);
        RingStore again = f.open();
        List<Entry> all = again.show(OptionalInt.of(0));
        assertEquals(2, all.size());
        assertEquals("event", all.get(0).kind());
        assertEquals(RingFixture.ID, all.get(0).writer());
        assertEquals(1, again.search("TEA").size());
    }

    @Test
    void promotion_moves_day_old_entries_to_ring1_and_is_idempotent() throws Exception {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("Deployed version two. The deploy went well.", "event");
        s.add("Reviewed the deploy logs.", "note");
        f.clock.advance(Duration.ofHours(25));
        RingStore.PromotionResult p = s.promote();
        assertTrue(p.moved());
        assertEquals(2, p.fromRing0());
        assertEquals(1, s.show(OptionalInt.of(1)).size());
        assertEquals(2, s.show(OptionalInt.of(1)).get(0).sources());
        byte[] before = Files.readAllBytes(s.file());
        assertFalse(s.promote().moved());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(s.file())), "a second promotion must write nothing");
    }

    @Test
    void ring1_goes_to_ring2_after_30_days_and_ring2_to_ring3_after_a_year() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("Signed the lease for the new office.", "event");
        f.clock.advance(Duration.ofDays(2));
        s.promote();
        f.clock.advance(Duration.ofDays(31));
        s.promote();
        assertEquals(1, s.show(OptionalInt.of(2)).size());
        assertEquals("key-event", s.show(OptionalInt.of(2)).get(0).kind());
        f.clock.advance(Duration.ofDays(366));
        s.promote();
        assertTrue(s.show(OptionalInt.empty()).isEmpty());
        assertTrue(s.status().ring3Months() >= 13);
    }

    @Test
    void caps_hold_for_ring0_ring1_ring2() {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        for (int day = 0; day < 120; day++) {
            s.add("Day " + day + " notes: worked on feature " + day + " and fixed bug " + (day * 7) + ".", "note");
            f.clock.advance(Duration.ofHours(20));
            RingStore.Status st = s.status();
            assertTrue(st.ring0Bytes() <= f.limits.ring0Bytes());
            assertTrue(st.ring1Entries() <= f.limits.ring1Entries());
            assertTrue(st.ring2Entries() <= f.limits.ring2Entries());
        }
    }

    @Test
    void total_budget_is_never_exceeded_even_under_bulk_writes() throws Exception {
        RingFixture f = new RingFixture(home);
        f.limits = RingLimits.defaults().withRates(10_000, 100_000);
        RingStore s = f.open();
        String text = "x".repeat(900) + " filler sentence.";
        for (int i = 0; i < 400; i++) {
            s.add(i + " " + text, "note");
            assertTrue(Files.size(s.file()) <= f.limits.totalBudget(), "file exceeded budget at write " + i);
            f.clock.advance(Duration.ofMinutes(37));
        }
        assertEquals(400, s.status().adds());
    }

    @Test
    void budget_up_to_64k_is_accepted_and_more_is_refused() {
        assertEquals(65536, RingLimits.defaults().withBudget(65536).totalBudget());
        org.junit.jupiter.api.Assertions.assertThrows(dev.memos.error.MemosException.class,
                () -> RingLimits.defaults().withBudget(65537));
    }

    @Test
    void a_store_notices_when_its_file_was_replaced_behind_its_back() throws Exception {
        RingFixture f = new RingFixture(home);
        RingStore s = f.open();
        s.add("one", "note");
        assertTrue(s.fileUnchanged());
        byte[] bytes = Files.readAllBytes(s.file());
        Thread.sleep(20);
        Path tmp = s.file().resolveSibling("copy");
        Files.write(tmp, bytes);
        Files.move(tmp, s.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertFalse(s.fileUnchanged(), "a cached store must be reloaded after any outside change");
    }
}
