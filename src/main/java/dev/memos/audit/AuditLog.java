package dev.memos.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only, tamper-evident event log (one per identity, one for the home). Every component logs
 * through this interface; obtain one from {@link AuditLogs}. Thread-safe, and safe for several
 * processes appending to the same log (each call takes the log's file lock).
 *
 * <p>Durability: by default each {@code append}/{@code appendAll} call is fsynced before it returns, so
 * a crash loses at most the call in flight; batch with {@link #appendAll} for throughput.
 */
public interface AuditLog extends AutoCloseable {

    /** Appends one event; {@code identity} may be "" for home-level events. Returns the stored entry. */
    AuditEntry append(String event, String identity, Map<String, String> details);

    /** Appends events in order with one write and one fsync; returns the stored entries. */
    List<AuditEntry> appendAll(List<AuditEvent> events);

    /** Signs and stores a checkpoint of the current tree now (also done periodically and on close). */
    Checkpoint checkpoint();

    /** The newest stored checkpoint, if any. */
    Optional<Checkpoint> latestCheckpoint();

    /** Number of entries (the next index). */
    long size();

    /** "home" or the identity ID: the log id bound into MAC keys and checkpoints. */
    String logId();

    /** Writes a final checkpoint if entries were added since the last one (and a signer is present). */
    @Override
    void close();
}
