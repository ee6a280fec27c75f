package dev.memos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over several parts under a key held as SecretBytes; the revealed copy is wiped. */
public final class HmacSha256 {
    private HmacSha256() {
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
