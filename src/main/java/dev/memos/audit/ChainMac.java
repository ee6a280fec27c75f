package dev.memos.audit;

import dev.memos.crypto.SecretBytes;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The seed's chained HMAC: mac_i = HMAC-SHA256(k, mac_{i-1} || entry_i), mac_{-1} = 32 zero bytes. It
 * convinces the holder of k (this device) that nothing was changed; the Merkle checkpoints convince anyone else.
 *
 * <p>HMAC (RFC 2104) is computed from two SHA-256 states that have already absorbed the padded key
 * (k ^ ipad, k ^ opad) and are cloned per entry: two compressions and the JCE Mac dispatch fewer per
 * entry, which is a third of the verifier's time on a million entries. Tested against the JDK's HmacSHA256.
 */
final class ChainMac {
    static final byte[] GENESIS = new byte[RecordReader.MAC_LEN];
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] innerHash = new byte[32];

    ChainMac(SecretBytes key) {
        byte[] raw = key.reveal();
        byte[] pad = new byte[BLOCK];
        try {
            if (raw.length > BLOCK) {
                throw new IllegalArgumentException("audit MAC key longer than a SHA-256 block");
            }
            inner = Merkle.sha256();
            outer = Merkle.sha256();
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < raw.length ? raw[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < raw.length ? raw[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(pad, (byte) 0);
        }
    }

    byte[] next(byte[] previous, byte[] entry, int off, int len) {
        byte[] out = new byte[32];
        next(previous, entry, off, len, out);
        return out;
    }

    /** Same as {@link #next(byte[], byte[], int, int)} but into {@code out} (the verifier's allocation-light path). */
    void next(byte[] previous, byte[] entry, int off, int len, byte[] out) {
        try {
            MessageDigest i = (MessageDigest) inner.clone();
            i.update(previous);
            i.update(entry, off, len);
            i.digest(innerHash, 0, 32);
            MessageDigest o = (MessageDigest) outer.clone();
            o.update(innerHash);
            o.digest(out, 0, 32);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 state cannot be cloned", e);
        }
    }
}
