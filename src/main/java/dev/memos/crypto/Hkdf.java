package dev.memos.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on the JDK's HMAC, so no provider is needed for the one KDF every format uses. */
public final class Hkdf {
    private static final int HASH_LEN = 32;

    private Hkdf() {
    }

    public static SecretBytes derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        byte[] prk = extract(salt, ikm);
        try {
            return SecretBytes.adopt(expand(prk, info, length));
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    public static SecretBytes derive(SecretBytes ikm, String salt, String info, int length) {
        byte[] raw = ikm.reveal();
        try {
            return derive(raw, salt.getBytes(StandardCharsets.US_ASCII), info.getBytes(StandardCharsets.UTF_8), length);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static byte[] extract(byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
        return hmac(s).doFinal(ikm);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int pos = 0;
        for (int counter = 1; pos < length; counter++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) counter);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
