package dev.memos.identity;

import dev.memos.crypto.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Instant;

/** What anyone may know about a stored identity without unlocking it. Holds no secret. */
public record IdentityInfo(MociId id, Tier tier, IdentityState state, SignatureAlgorithm algorithm, byte[] publicKey,
                           Instant created, Instant updated, Path directory) {
    public IdentityInfo {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
