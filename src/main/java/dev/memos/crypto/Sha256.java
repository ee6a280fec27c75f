package dev.memos.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 for callers outside this package, so MessageDigest stays in crypto. */
public final class Sha256 {
    private final MessageDigest digest;

    private Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static Sha256 start() {
        return new Sha256();
    }

    public static byte[] of(byte[]... parts) {
        Sha256 h = start();
        for (byte[] p : parts) {
            h.update(p, 0, p.length);
        }
        return h.finish();
    }

    public Sha256 update(byte[] b, int off, int len) {
        digest.update(b, off, len);
        return this;
    }

    public byte[] finish() {
        return digest.digest();
    }

    /** Constant-time comparison of two MACs or hashes. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
