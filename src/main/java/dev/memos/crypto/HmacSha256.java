package dev.memos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over several parts under a key held as SecretBytes; the revealed copy is wiped. */
public final class HmacSha256 {
    private static final int BLOCK = 64;
    private static final byte[] EMPTY = new byte[0];

    private HmacSha256() {
    }

    /**
     * A key prepared for many messages (RFC 2104): two SHA-256 states that have already absorbed
     * the padded key (k ^ ipad, k ^ opad) and are copied per message, which saves two compressions
     * and the JCE Mac dispatch per message (the audit chain MAC on a million entries). Keys longer
     * than a block are refused rather than hashed: none of ours is.
     */
    public static Keyed keyed(SecretBytes key) {
        return new Keyed(key);
    }

    /** See {@link #keyed}; the one HMAC-SHA256 for many messages under one key (audit chain, chunk ids). Not thread-safe. */
    public static final class Keyed {
        private final Hash inner = Hash.sha256();
        private final Hash outer = Hash.sha256();
        private final byte[] innerHash = new byte[32];

        private Keyed(SecretBytes key) {
            byte[] raw = key.reveal();
            byte[] pad = new byte[BLOCK];
            try {
                if (raw.length > BLOCK) {
                    throw new IllegalArgumentException("HMAC key longer than a SHA-256 block");
                }
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

        /** HMAC(k, a || b[off, off + len)) into {@code out[0..32)}. */
        public void mac(byte[] a, byte[] b, int off, int len, byte[] out) {
            Hash i = inner.copy();
            i.update(a);
            i.update(b, off, len);
            i.digestInto(innerHash, 0);
            Hash o = outer.copy();
            o.update(innerHash);
            o.digestInto(out, 0);
        }

        /** HMAC(k, data[off, off + len)): the chunk ids of a snapshot, thousands per backup under one key. */
        public byte[] mac(byte[] data, int off, int len) {
            byte[] out = new byte[32];
            mac(EMPTY, data, off, len, out);
            return out;
        }

        /** HMAC(k, parts concatenated). */
        public byte[] mac(byte[]... parts) {
            Hash i = inner.copy();
            for (byte[] p : parts) {
                i.update(p);
            }
            i.digestInto(innerHash, 0);
            return outer.copy().digest(innerHash);
        }

        @Override
        public String toString() {
            return "HmacSha256.Keyed[redacted]";
        }
    }

    public static byte[] mac(SecretBytes key, byte[]... parts) {
        byte[] raw = key.reveal();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
