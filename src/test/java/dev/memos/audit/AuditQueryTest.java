package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.config.MemosHome;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters and time windows over a log written with a hand-moved clock: one entry per hour for two days. */
class AuditQueryTest {
    @TempDir
    Path tmp;
    MemosHome home;
    Path dir;
    MutableClock clock;

    @BeforeEach
    void twoDays() {
        home = TestLogs.home(tmp);
        dir = TestLogs.homeLogDir(home);
        clock = new MutableClock(TestLogs.T0);
        try (AuditLog log = AuditLogs.builder(home).clock(clock).open()) {
            for (int h = 0; h < 48; h++) {
                String type = h % 4 == 0 ? AuditEvents.CIT_REJECTED : AuditEvents.CIT_VERIFIED;
                log.append(type, h % 2 == 0 ? "alice" : "bob", Map.of("hour", Integer.toString(h)));
                clock.advance(Duration.ofHours(1));
            }
        }
        // now = T0 + 48h; the last entry was at T0 + 47h
    }

    private List<AuditEntry> run(AuditQuery q) {
        return AuditReader.query(dir, q);
    }

    @Test
    void filters_by_event() {
        assertEquals(12, run(AuditQuery.all().withEvent(AuditEvents.CIT_REJECTED)).size());
        assertEquals(0, run(AuditQuery.all().withEvent(AuditEvents.BACKUP)).size());
    }

    @Test
    void filters_by_identity() {
        assertEquals(24, run(AuditQuery.all().withIdentity("bob")).size());
        assertEquals(12, run(AuditQuery.all().withIdentity("alice").withEvent(AuditEvents.CIT_REJECTED)).size());
    }

    @Test
    void last_24h_is_relative_to_the_injected_clock() {
        List<AuditEntry> got = run(AuditQuery.all().withEvent(AuditEvents.CIT_REJECTED).last("24h", clock));
        // hours 24..47 are within (now-24h, now]: rejected at 24, 28, ..., 44
        assertEquals(6, got.size());
        assertEquals("24", got.get(0).details().get("hour"));
        assertEquals(1, run(AuditQuery.all().last("90m", clock)).size());
        assertEquals(48, run(AuditQuery.all().last("2d", clock)).size());
        assertEquals(48, run(AuditQuery.all().last("1w", clock)).size());
    }

    @Test
    void since_until_is_half_open() {
        Instant since = TestLogs.T0.plus(Duration.ofHours(10));
        Instant until = TestLogs.T0.plus(Duration.ofHours(13));
        List<AuditEntry> got = run(AuditQuery.all().between(since, until));
        assertEquals(List.of("10", "11", "12"), got.stream().map(e -> e.details().get("hour")).toList());
        assertEquals(38, run(AuditQuery.all().between(since, null)).size());
        assertEquals(10, run(AuditQuery.all().between(null, since)).size());
    }

    @Test
    void parses_dates_and_times() {
        assertEquals(TestLogs.T0, AuditQuery.parseTime("since", "2026-11-27"));
        assertEquals(TestLogs.T0.plusSeconds(3600), AuditQuery.parseTime("since", "2026-11-27T02:00:00+01:00"));
    }

    @Test
    void rejects_bad_windows() {
        assertThrows(MemosException.class, () -> AuditQuery.parseDuration("24"));
        assertThrows(MemosException.class, () -> AuditQuery.parseDuration("-1h"));
        assertThrows(MemosException.class, () -> AuditQuery.parseDuration("1y"));
        assertThrows(MemosException.class, () -> AuditQuery.parseTime("since", "yesterday"));
        Instant t = TestLogs.T0;
        assertThrows(MemosException.class, () -> AuditQuery.all().between(t, t));
    }

    @Test
    void tail_returns_the_last_n_in_order() {
        List<AuditEntry> tail = AuditReader.tail(dir, 3);
        assertEquals(List.of(45L, 46L, 47L), tail.stream().map(AuditEntry::index).toList());
        assertEquals(48, AuditReader.tail(dir, 1000).size());
        assertEquals(0, AuditReader.tail(dir, 0).size());
    }

    @Test
    void follower_sees_only_new_complete_entries() {
        AuditReader.Follower f = new AuditReader.Follower(dir, 48);
        assertEquals(0, f.poll().size());
        try (AuditLog log = AuditLogs.builder(home).clock(clock).open()) {
            log.append(AuditEvents.ANOMALY, "", Map.of());
            log.append(AuditEvents.ANOMALY, "", Map.of());
        }
        List<AuditEntry> got = f.poll();
        assertEquals(List.of(48L, 49L), got.stream().map(AuditEntry::index).toList());
        assertEquals(0, f.poll().size());
    }
}
