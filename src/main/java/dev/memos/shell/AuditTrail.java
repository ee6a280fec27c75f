package dev.memos.shell;

import dev.memos.audit.AuditLog;
import dev.memos.audit.AuditLogs;
import dev.memos.identity.UnlockedIdentity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where commands record security events: the unlocked identity's audit log (checkpoints signed by
 * its key) or, with no identity unlocked, the home log. Logs stay open for the process and are
 * closed (which writes a signed checkpoint) on lock and at exit.
 *
 * <p>Recording never fails the operation it describes: a backup must not be lost because the
 * audit log is damaged. A failure becomes a warning that names the log, and {@code audit verify}
 * reports the damage.
 */
public final class AuditTrail implements AutoCloseable {
    private final Map<String, AuditLog> open = new HashMap<>();

    /** Appends one event; returns a warning text if it could not be recorded. */
    public Optional<String> record(Context ctx, String event, Map<String, String> details) {
        return record(ctx, event, null, details);
    }

    /**
     * Appends one event about identity {@code about} (null: about the unlocked identity, if any). It goes
     * to that identity's log when that identity is the unlocked one (its key signs the checkpoints),
     * otherwise to the home log with {@code about} in the entry's identity field (so a deleted
     * identity's events outlive its folder).
     */
    public synchronized Optional<String> record(Context ctx, String event, String about, Map<String, String> details) {
        Optional<UnlockedIdentity> unlocked = ctx.session().identity();
        Optional<UnlockedIdentity> identity = about == null ? unlocked
                : unlocked.filter(u -> u.id().toString().equals(about));
        String logId = identity.map(i -> i.id().toString()).orElse("home");
        String field = identity.isPresent() ? logId : about == null ? "" : about;
        try {
            AuditLog log = open.get(logId);
            if (log == null) {
                ctx.home().ensure();
                log = identity.isPresent()
                        ? AuditLogs.forIdentity(ctx.home(), logId, identity.get().signer())
                        : AuditLogs.forHome(ctx.home());
                open.put(logId, log);
            }
            log.append(event, field, new LinkedHashMap<>(details));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("audit event '" + event + "' not recorded in log '" + logId + "': " + e.getMessage()
                    + " (run 'memos audit verify')");
        }
    }

    /**
     * Signs a checkpoint now over the identity log of {@code identity} (the session's unlocked identity)
     * if entries were added since its newest one, so proofs and anchors cover them before the lock.
     */
    public synchronized void checkpoint(Context ctx, UnlockedIdentity identity) {
        String logId = identity.id().toString();
        AuditLog log = open.get(logId);
        if (log == null) {
            log = AuditLogs.forIdentity(ctx.home(), logId, identity.signer());
            open.put(logId, log);
        }
        long covered = log.latestCheckpoint().map(c -> c.size()).orElse(0L);
        if (log.size() > covered) {
            log.checkpoint();
        }
    }

    /** Closes the log of one identity (its key is about to be wiped); the close writes a checkpoint. */
    public synchronized void closeLog(String logId) {
        AuditLog log = open.remove(logId);
        if (log != null) {
            try {
                log.close();
            } catch (RuntimeException ignored) {
                // the entries are already durable; only the closing checkpoint is missing
            }
        }
    }

    @Override
    public synchronized void close() {
        for (String id : Map.copyOf(open).keySet()) {
            closeLog(id);
        }
    }
}
