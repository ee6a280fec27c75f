package dev.memos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, initialised once: chunk ids are a MAC per chunk, thousands per backup,
 * and re-revealing the key for each would copy it thousands of times. Not thread-safe.
 */
public final class KeyedMac {
    private final Mac mac;

    public KeyedMac(SecretBytes key) {
        byte[] raw = key.reveal();
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public byte[] mac(byte[] data, int off, int len) {
        mac.update(data, off, len);
        return mac.doFinal();
    }

    public byte[] mac(byte[]... parts) {
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    @Override
    public String toString() {
        return "KeyedMac[redacted]";
    }
}
