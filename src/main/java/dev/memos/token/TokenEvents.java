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

    TokenEvents NONE = (event, fields) -> { };

    void record(String event, Map<String, Object> fields);
}
