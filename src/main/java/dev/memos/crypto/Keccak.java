package dev.memos.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's Keccak-256 (the pre-standard padding, not SHA3-256), which the JDK does not have. */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
