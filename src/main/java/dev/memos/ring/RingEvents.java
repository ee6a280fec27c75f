package dev.memos.ring;

import java.util.Map;

/**
 * Where the ring store reports security events (refused writes, flagged entries, rollback, forks,
 * quarantine, summariser fallback). The audit log (issue 9) implements it; tests capture it.
 */
@FunctionalInterface
public interface RingEvents {
    RingEvents NONE = (type, fields) -> { };

    void record(String type, Map<String, Object> fields);
}
