package dev.memos.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The short form of a public key people compare by eye: the first 8 bytes of SHA-256 of the key's
 * encoding ({@link SignatureAlgorithm}), upper-case hex in four groups ({@code 3F2A:09C1:77B0:E4D2}).
 * Every error that refuses a key names the fingerprints involved, and {@code id status} prints its own.
 */
public final class KeyFingerprint {
    private KeyFingerprint() {
    }

    public static String of(byte[] publicKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(publicKey);
            StringBuilder sb = new StringBuilder(19);
            for (int i = 0; i < 8; i++) {
                if (i > 0 && i % 2 == 0) {
                    sb.append(':');
                }
                sb.append(String.format(Locale.ROOT, "%02X", d[i] & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
