package dev.memos.shell;

import dev.memos.crypto.EnvSecrets;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Passphrase;
import dev.memos.error.MemosException;
import dev.memos.identity.UnlockedIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets unlocked for this process: the Ethereum key and at most one MOCI identity. They live
 * only in memory and are wiped on {@link #lock()}, at exit, and when the session has been idle
 * longer than the timeout. In modes without a terminal the key comes from the environment or not at all.
 */
public final class Session {
    private final Clock clock;
    private final Map<String, String> env;
    private final SecretPrompt prompt;
    private volatile Duration idleTimeout;
    private volatile Runnable idleLockListener;
    private final AuditTrail audit = new AuditTrail();
    private EthPrivateKey ethKey;
    private UnlockedIdentity identity;
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
        EthPrivateKey key;
        Optional<EthPrivateKey> fromEnv = EnvSecrets.of(env).ethKey();
        if (fromEnv.isPresent()) {
            key = fromEnv.get();
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

    /** What the REPL prompt shows: the unlocked identity, else the unlocked address, else "locked". */
    public synchronized String promptLabel() {
        expireIfIdle();
        Optional<String> id = activeIdentityId();
        if (id.isPresent()) {
            return id.get();
        }
        if (ethKey == null) {
            return "locked";
        }
        String a = ethKey.address().checksummed();
        return a.substring(0, 6) + "…" + a.substring(a.length() - 4);
    }

    /** Makes {@code unlocked} the session's identity, locking (wiping) any previous one. */
    public synchronized void setIdentity(UnlockedIdentity unlocked) {
        expireIfIdle();
        if (identity != null && identity != unlocked) {
            audit.closeLog(identity.id().toString());
            identity.close();
        }
        identity = unlocked;
        lockReason = null;
        touch();
    }

    /** The unlocked identity, if any (and still open); counts as use for the idle timer. */
    public synchronized Optional<UnlockedIdentity> identity() {
        expireIfIdle();
        if (identity != null && identity.isClosed()) {
            identity = null;
        }
        if (identity != null) {
            touch();
        }
        return Optional.ofNullable(identity);
    }

    /** The id of the unlocked identity for the REPL prompt, without counting as use. */
    public synchronized Optional<String> activeIdentityId() {
        expireIfIdle();
        return identity == null || identity.isClosed() ? Optional.empty() : Optional.of(identity.id().toString());
    }

    /** Locks only the identity (for example after it was suspended, revoked or deleted). */
    public synchronized void lockIdentity() {
        if (identity != null) {
            audit.closeLog(identity.id().toString());
            identity.close();
            identity = null;
        }
    }

    public synchronized void lock() {
        if (ethKey != null) {
            ethKey.close();
            ethKey = null;
        }
        // Close audit logs while the identity key can still sign their final checkpoint.
        audit.close();
        lockIdentity();
    }

    /** The audit logs this session writes to; see {@link AuditTrail}. */
    public AuditTrail audit() {
        return audit;
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
    public void expireIfIdle() {
        if (lockIfIdle()) {
            Runnable listener = idleLockListener;
            if (listener != null) {
                listener.run(); // outside the session's monitor: the REPL redraws its prompt here
            }
        }
    }

    /** Runs after the idle timer locked the session (the REPL redraws its prompt); replaces any earlier one. */
    public void onIdleLock(Runnable listener) {
        this.idleLockListener = listener;
    }

    private synchronized boolean lockIfIdle() {
        if ((ethKey != null || identity != null) && lastUse != null && Duration.between(lastUse, clock.instant()).compareTo(idleTimeout) > 0) {
            lock();
            lockReason = "session locked after " + idleTimeout.toMinutes() + " idle minutes";
            return true;
        }
        return false;
    }

    private void touch() {
        lastUse = clock.instant();
    }
}
