package dev.memos.shell;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Passphrase;
import dev.memos.error.MemosException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets unlocked for this process. They live only in memory and are wiped on {@link #lock()},
 * at exit, and when the session has been idle longer than the timeout. In modes without a
 * terminal the key comes from the environment or not at all.
 */
public final class Session {
    private final Clock clock;
    private final Map<String, String> env;
    private final SecretPrompt prompt;
    private volatile Duration idleTimeout;
    private EthPrivateKey ethKey;
    private Instant lastUse;
    private String lockReason;

    public Session(Clock clock, Map<String, String> env, SecretPrompt prompt, Duration idleTimeout) {
        this.clock = clock;
        this.env = env;
        this.prompt = prompt;
        this.idleTimeout = idleTimeout;
    }

    public synchronized boolean isUnlocked() {
        expireIfIdle();
        return ethKey != null;
    }

    /** Unlocks with the key from ETH_PRIVATE_KEY, or asks for it without echo when a terminal is there. */
    public synchronized EthPrivateKey unlock() {
        expireIfIdle();
        if (ethKey != null) {
            touch();
            return ethKey;
        }
        String fromEnv = env.get(EthPrivateKey.ENV);
        EthPrivateKey key;
        if (fromEnv != null && !fromEnv.isBlank()) {
            key = EthPrivateKey.parse(fromEnv);
        } else if (prompt.available()) {
            try (Passphrase typed = prompt.read("Ethereum private key (hex, not echoed): ")) {
                char[] chars = typed.chars();
                try {
                    key = EthPrivateKey.parse(java.nio.CharBuffer.wrap(chars));
                } finally {
                    java.util.Arrays.fill(chars, '\0');
                }
            }
        } else {
            throw MemosException.auth("locked: set " + EthPrivateKey.ENV + " in the environment (never on the command line)");
        }
        ethKey = key;
        lockReason = null;
        touch();
        return key;
    }

    /** The unlocked key, unlocking on demand as {@link #unlock()} does. */
    public EthPrivateKey ethKey() {
        return unlock();
    }

    public synchronized Optional<EthPrivateKey> peekEthKey() {
        expireIfIdle();
        return Optional.ofNullable(ethKey);
    }

    /** What the REPL prompt shows: the unlocked address, or "locked". */
    public synchronized String promptLabel() {
        expireIfIdle();
        if (ethKey == null) {
            return "locked";
        }
        String a = ethKey.address().checksummed();
        return a.substring(0, 6) + "…" + a.substring(a.length() - 4);
    }

    public synchronized void lock() {
        if (ethKey != null) {
            ethKey.close();
            ethKey = null;
        }
    }

    public void setIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
    }

    /** Why the session locked itself, once; null if it did not. */
    public synchronized String takeLockReason() {
        String r = lockReason;
        lockReason = null;
        return r;
    }

    /** Called by a timer too, so an idle secret does not sit in memory until the next command. */
    public synchronized void expireIfIdle() {
        if (ethKey != null && lastUse != null && Duration.between(lastUse, clock.instant()).compareTo(idleTimeout) > 0) {
            lock();
            lockReason = "session locked after " + idleTimeout.toMinutes() + " idle minutes";
        }
    }

    private void touch() {
        lastUse = clock.instant();
    }
}
