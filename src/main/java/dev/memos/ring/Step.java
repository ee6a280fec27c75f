package dev.memos.ring;

import dev.memos.crypto.Hash;

/**
 * One link of the ring-3 chain: a promotion or a chain event. Its hash is
 * {@code SHA-256("memos-ring3-step-v1" || 0x00 || prev || u64 index || u64 time || u8 flags || digest)}
 * with {@code prev} = 32 zero bytes for the genesis step.
 */
public record Step(long index, long time, int flags, byte[] digest) {
    static final byte[] DOMAIN = Bytes.utf8("memos-ring3-step-v1\u0000");

    public Step {
        digest = digest.clone();
        if (digest.length != 32) {
            throw new IllegalArgumentException("a step digest has 32 bytes");
        }
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    byte[] hash(byte[] prev) {
        return Hash.sha256(DOMAIN, prev, Bytes.u64(index), Bytes.u64(time), Bytes.u8(flags), digest);
    }

    static byte[] genesisDigest(String id, byte[] publicKey) {
        return Hash.sha256(Bytes.utf8("memos-ring3-genesis-v1\u0000" + id + "\u0000"), publicKey);
    }
}
