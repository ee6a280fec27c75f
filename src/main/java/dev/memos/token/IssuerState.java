package dev.memos.token;

import java.util.Locale;

/** Lifecycle state of an identity as far as issuing tokens is concerned: only ACTIVE may issue. */
public enum IssuerState {
    ACTIVE, SUSPENDED, REVOKED, QUARANTINED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IssuerState fromId(String id) {
        for (IssuerState s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown identity state '" + id + "'");
    }
}
