package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {
    static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void locks_itself_after_idle_timeout_and_wipes_the_key() {
        MutableClock clock = new MutableClock(T0);
        Session s = new Session(clock, Map.of(EthPrivateKey.ENV, KEY), SecretPrompt.none(), Duration.ofMinutes(15));
        EthPrivateKey key = s.unlock();
        assertTrue(s.isUnlocked());
        clock.advance(Duration.ofMinutes(16));
        assertFalse(s.isUnlocked());
        assertTrue(key.isWiped());
        assertNotNull(s.takeLockReason());
    }

    @Test
    void use_within_timeout_keeps_it_unlocked() {
        MutableClock clock = new MutableClock(T0);
        Session s = new Session(clock, Map.of(EthPrivateKey.ENV, KEY), SecretPrompt.none(), Duration.ofMinutes(15));
        s.unlock();
        clock.advance(Duration.ofMinutes(10));
        s.ethKey();
        clock.advance(Duration.ofMinutes(10));
        assertTrue(s.isUnlocked());
    }

    @Test
    void without_env_or_terminal_unlock_fails_with_auth_error() {
        Session s = new Session(new MutableClock(T0), Map.of(), SecretPrompt.none(), Duration.ofMinutes(15));
        MemosException e = assertThrows(MemosException.class, s::unlock);
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("ETH_PRIVATE_KEY"));
    }

    @Test
    void lock_wipes_key() {
        Session s = new Session(new MutableClock(T0), Map.of(EthPrivateKey.ENV, KEY), SecretPrompt.none(), Duration.ofMinutes(15));
        EthPrivateKey key = s.unlock();
        s.lock();
        assertTrue(key.isWiped());
        assertFalse(s.isUnlocked());
    }
}
