package dev.memos.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One event to append (the log assigns index and time). {@code identity} is the identity the event is
 * about, or "" for home-level events; {@code details} are short facts (ids, counts, reasons), never a
 * secret: keys that name secret material are refused by {@link AuditEntry}.
 */
public record AuditEvent(String type, String identity, Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(type, "type");
        identity = identity == null ? "" : identity;
        details = details == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    public static AuditEvent of(String type, String identity, Map<String, String> details) {
        return new AuditEvent(type, identity, details);
    }
}
