package dev.memos.app.audit;

import java.util.Optional;

/**
 * What {@code audit verify} was asked: one identity's log or all of them, whether to compare with the
 * newest published checkpoint, and a key given by the user (which then outranks every other source).
 */
public record AuditVerifyRequest(Optional<String> identity, boolean anchored, Optional<String> publicKey) {
}
