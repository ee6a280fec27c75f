package dev.memos.ring;

import dev.memos.crypto.AesGcm;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.error.MemosException;

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
        return AesGcm.seal(enc, nonce, aad, plain);
    }

    byte[] decrypt(byte[] nonce, byte[] aad, byte[] sealed, String what) {
        return AesGcm.open(enc, nonce, aad, sealed).orElseThrow(() ->
                MemosException.integrity(what + " does not decrypt (AES-GCM tag mismatch): restore the rings folder from a backup"));
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
