package dev.memos.audit;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens audit logs. Layout (the contract with the other components): the home log lives in
 * {@code $MEMOS_HOME/audit/}, an identity's log in {@code $MEMOS_HOME/identities/<ID>/audit/}; each
 * folder holds {@code audit.log}, {@code checkpoints.jsonl} and the cache {@code state.json}.
 */
public final class AuditLogs {
    public static final String LOG_FILE = "audit.log";
    public static final String CHECKPOINTS_FILE = "checkpoints.jsonl";
    public static final String STATE_FILE = "state.json";
    /**
     * The writers' lock. Not {@code audit.log} itself: POSIX drops a process's lock on a file when the
     * process closes any descriptor of that file, and a writer reads new records through its own.
     */
    public static final String LOCK_FILE = "audit.lock";

    private AuditLogs() {
    }

    /** The home log, checkpoints signed by the key derived from the device key. */
    public static AuditLog forHome(MemosHome home) {
        return builder(home).open();
    }

    /** An identity's log; {@code signer} is the identity key (null: checkpoints wait for a signer). */
    public static AuditLog forIdentity(MemosHome home, String identityId, Signer signer) {
        return builder(home).identity(identityId).signer(signer).open();
    }

    public static Builder builder(MemosHome home) {
        return new Builder(home);
    }

    public static Path homeDirectory(MemosHome home) {
        return home.resolve("audit");
    }

    public static Path identityDirectory(MemosHome home, String identityId) {
        return home.resolve("identities").resolve(checkId(identityId)).resolve("audit");
    }

    /** Directory of a log id ("home" or an identity ID). */
    public static Path directory(MemosHome home, String logId) {
        return AuditKeys.HOME_LOG.equals(logId) ? homeDirectory(home) : identityDirectory(home, logId);
    }

    /** Identity IDs become folder names: only a safe alphabet, never a path. */
    public static String checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}") || id.contains("..") || id.equals(AuditKeys.HOME_LOG)) {
            throw MemosException.usage("'" + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "…" : id)
                    + "' is not an identity ID (letters, digits, '.', '_', ':', '-', at most 128)");
        }
        return id;
    }

    /** "home" or a valid identity ID (for names derived from a log id). */
    public static String checkIdOrHome(String logId) {
        return AuditKeys.HOME_LOG.equals(logId) ? logId : checkId(logId);
    }

    /** How fsync is spent. */
    public enum Durability {
        /** fsync after every append/appendAll call (default): a crash loses at most the call in flight. */
        EVERY_CALL,
        /** fsync only at checkpoints and close: for bulk imports; a crash may lose entries since the last checkpoint. */
        AT_CHECKPOINT
    }

    /** Options of one open log; defaults suit the CLI. */
    public static final class Builder {
        private final MemosHome home;
        private String identity;
        private Signer signer;
        private boolean signerGiven;
        private Clock clock = Clock.systemUTC();
        private long checkpointEvery = 10_000;
        private Duration checkpointInterval = Duration.ofMinutes(10);
        private Durability durability = Durability.EVERY_CALL;
        private DeviceKey deviceKey;

        private Builder(MemosHome home) {
            this.home = Objects.requireNonNull(home);
        }

        public Builder identity(String id) {
            this.identity = checkId(id);
            return this;
        }

        public Builder signer(Signer signer) {
            this.signer = signer;
            this.signerGiven = true;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** A checkpoint after this many entries since the last one (also on close and after the interval). */
        public Builder checkpointEvery(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("checkpointEvery must be >= 1");
            }
            this.checkpointEvery = entries;
            return this;
        }

        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = Objects.requireNonNull(interval);
            return this;
        }

        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability);
            return this;
        }

        /** Use this device key instead of loading (or creating) $MEMOS_HOME/device.key. */
        public Builder deviceKey(DeviceKey key) {
            this.deviceKey = key;
            return this;
        }

        public AuditLog open() {
            DeviceKey dk = deviceKey != null ? deviceKey : DeviceKey.loadOrCreate(home.ensure().root());
            String logId = identity == null ? AuditKeys.HOME_LOG : identity;
            Signer s = signer;
            AutoCloseable owned = null;
            if (identity == null && !signerGiven) {
                dev.memos.crypto.Ed25519 homeKey = AuditKeys.homeSigner(dk);
                s = homeKey;
                owned = homeKey; // ours: wiped when the log closes
            }
            Path dir = identity == null ? homeDirectory(home) : identityDirectory(home, identity);
            return FileAuditLog.open(dir, logId, AuditKeys.macKey(dk, logId), s, owned, clock, checkpointEvery, checkpointInterval,
                    durability);
        }
    }
}
