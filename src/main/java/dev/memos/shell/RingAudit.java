package dev.memos.shell;

import dev.memos.audit.AuditEvents;
import dev.memos.ring.RingEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Security events of the memory rings into the audit trail, as {@code anomaly} entries whose
 * {@code kind} is the ring's event name (entry-flagged = injection flagged, fork-detected = fork and
 * quarantine, rollback-detected, write-refused, …). Routine ones (rings created, REVOKED step, already
 * logged as lifecycle_change) are left to {@code rings/events.jsonl}. Field values become strings; the
 * rings never put memory text into an event.
 */
final class RingAudit implements RingEvents {
    private static final Set<String> ROUTINE = Set.of("rings-created", "revoked");
    private final Context ctx;
    private final String id;

    RingAudit(Context ctx, String id) {
        this.ctx = ctx;
        this.id = id;
    }

    @Override
    public void record(String type, Map<String, Object> fields) {
        if (ROUTINE.contains(type)) {
            return;
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", type);
        fields.forEach((k, v) -> {
            if (!k.equals("id")) {
                d.put(k, String.valueOf(v));
            }
        });
        if (type.equals("fork-detected")) {
            d.put("quarantined", "true");
        }
        // best effort: the refusal or detection the ring reports must not fail because of the log
        ctx.audit(AuditEvents.ANOMALY, id, d);
    }
}
