package dev.memos.ring;

import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two per-device keys of one identity's rings: an HMAC key (entry and file MACs, the rollback
 * counter) and an AES-256-GCM key (entry encryption). Both come from the device key with labels
 * {@code memos-ring-mac-v1} / {@code memos-ring-enc-v1} and the identity ID as context, so a rings
 * folder copied to another device does not open there, and two identities never share keys.
 */
public final class RingKeys implements AutoCloseable {
    public static final String MAC_LABEL = "memos-ring-mac-v1";
    public static final String ENC_LABEL = "memos-ring-enc-v1";

    private final SecretBytes mac;
    private final SecretBytes enc;

    private RingKeys(SecretBytes mac, SecretBytes enc) {
        this.mac = mac;
        this.enc = enc;
    }

    public static RingKeys derive(DeviceKey device, String id) {
        return new RingKeys(device.derive(MAC_LABEL, id), device.derive(ENC_LABEL, id));
    }

    /** For vectors and tests: explicit keys (copied). */
    public static RingKeys of(SecretBytes mac, SecretBytes enc) {
        return new RingKeys(SecretBytes.copyOf(mac.reveal()), SecretBytes.copyOf(enc.reveal()));
    }

    byte[] mac(byte[]... parts) {
        return Bytes.hmac(mac, parts);
    }

    SecretBytes macKey() {
        return mac;
    }

    byte[] encrypt(byte[] nonce, byte[] aad, byte[] plain) {
        return gcm(Cipher.ENCRYPT_MODE, nonce, aad, plain);
    }

    byte[] decrypt(byte[] nonce, byte[] aad, byte[] sealed, String what) {
        try {
            return gcm(Cipher.DECRYPT_MODE, nonce, aad, sealed);
        } catch (IllegalStateException e) {
            throw MemosException.integrity(what + " does not decrypt (AES-GCM tag mismatch): restore the rings folder from a backup");
        }
    }

    private byte[] gcm(int mode, byte[] nonce, byte[] aad, byte[] input) {
        byte[] raw = enc.reveal();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public void close() {
        mac.close();
        enc.close();
    }

    @Override
    public String toString() {
        return "RingKeys[redacted]";
    }
}
