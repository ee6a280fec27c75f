package dev.memos.token;

import dev.memos.crypto.SignatureAlgorithm;

/**
 * A pin a verification wrote on first use, handed back so the caller can audit it (the token core
 * writes no audit events; FORMAT.md §12.13 {@code pin_change}). {@code TOKEN}: the (audience, issuer)
 * token pin of §11.7, {@code key} the skill key; {@code IDENTITY}: the identity pin of §13.4 for
 * {@code subject}, {@code key} its identity key.
 */
public record PinWrite(Kind kind, String audience, String subject, SignatureAlgorithm algorithm, byte[] key, String origin) {
    public enum Kind { TOKEN, IDENTITY }

    public PinWrite {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }
}
