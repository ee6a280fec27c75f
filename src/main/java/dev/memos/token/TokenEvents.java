package dev.memos.token;

import java.util.Map;

/**
 * Where token events go: the audit log in the application ({@code cit_issued}, {@code cit_verified},
 * {@code cit_rejected} with its reason). Fields never carry key material or the token itself.
 */
@FunctionalInterface
public interface TokenEvents {
    String ISSUED = "cit_issued";
    String VERIFIED = "cit_verified";
    String REJECTED = "cit_rejected";
    /** The verifier's clock is at or behind nonces it already purged (reported once per mark). */
    String CLOCK_BEHIND = "cit_clock_behind";

    TokenEvents NONE = (event, fields) -> { };

    void record(String event, Map<String, Object> fields);
}
