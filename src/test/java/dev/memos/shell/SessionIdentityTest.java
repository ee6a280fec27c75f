package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.SecretSource;
import dev.memos.identity.Tier;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionIdentityTest {
    @TempDir
    Path home;

    static final Instant T0 = Instant.parse("2026-11-27T05:00:00Z");

    private UnlockedIdentity unlocked(String name) {
        IdentityStore s = IdentityStore.open(MemosHome.at(home));
        IdentityInfo i = s.create(name, Tier.DEVICE, SecretSource.fixed(Map.of()));
        return s.unlock(i.id(), SecretSource.fixed(Map.of()));
    }

    @Test
    void holds_the_identity_and_reports_its_id() {
        Session s = new Session(new MutableClock(T0), Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        assertEquals(Optional.empty(), s.activeIdentityId());
        UnlockedIdentity u = unlocked("nova");
        s.setIdentity(u);
        assertEquals(Optional.of(u.id().toString()), s.activeIdentityId());
        assertEquals(u, s.identity().orElseThrow());
    }

    @Test
    void lock_wipes_the_identity() {
        Session s = new Session(new MutableClock(T0), Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        UnlockedIdentity u = unlocked("nova");
        s.setIdentity(u);
        s.lock();
        assertTrue(u.isClosed());
        assertEquals(Optional.empty(), s.activeIdentityId());
    }

    @Test
    void idle_timeout_wipes_the_identity_and_says_why() {
        MutableClock clock = new MutableClock(T0);
        Session s = new Session(clock, Map.of(), SecretPrompt.none(), Duration.ofMinutes(5));
        UnlockedIdentity u = unlocked("nova");
        s.setIdentity(u);
        clock.advance(Duration.ofMinutes(4));
        assertTrue(s.identity().isPresent());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        s.expireIfIdle();
        assertTrue(u.isClosed());
        assertFalse(s.identity().isPresent());
        assertTrue(s.takeLockReason().contains("idle"));
    }

    @Test
    void unlocking_another_identity_wipes_the_previous_one() {
        Session s = new Session(new MutableClock(T0), Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        UnlockedIdentity a = unlocked("nova");
        UnlockedIdentity b = unlocked("apex");
        s.setIdentity(a);
        s.setIdentity(b);
        assertTrue(a.isClosed());
        assertFalse(b.isClosed());
        assertEquals(Optional.of(b.id().toString()), s.activeIdentityId());
    }

    @Test
    void lock_identity_keeps_nothing_of_it() {
        Session s = new Session(new MutableClock(T0), Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        UnlockedIdentity a = unlocked("nova");
        s.setIdentity(a);
        s.lockIdentity();
        assertTrue(a.isClosed());
        assertFalse(s.identity().isPresent());
    }
}
