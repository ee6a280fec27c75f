package dev.memos.identity;

import java.time.Instant;

/**
 * The permanent mark of a revoked or deleted id: it can never be generated or imported here again.
 * {@code revocation} is the signed REVOKED record (canonical JSON) and its signature, base64url.
 */
public record Tombstone(MociId id, IdentityState state, Instant at, String algorithm, String publicKey,
                        String revocation, String signature) {
}
