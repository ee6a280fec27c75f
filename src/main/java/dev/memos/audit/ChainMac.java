package dev.memos.audit;

import dev.memos.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seed's chained HMAC: mac_i = HMAC-SHA256(k, mac_{i-1} || entry_i), mac_{-1} = 32 zero bytes. It
 * convinces the holder of k (this device) that nothing was changed; the Merkle checkpoints convince anyone else.
 */
final class ChainMac {
    static final byte[] GENESIS = new byte[RecordReader.MAC_LEN];

    private final Mac mac;

    ChainMac(SecretBytes key) {
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

    byte[] next(byte[] previous, byte[] entry, int off, int len) {
        mac.update(previous);
        mac.update(entry, off, len);
        return mac.doFinal();
    }

    /** Same as {@link #next} but into {@code out} (the verifier's allocation-free path). */
    void next(byte[] previous, byte[] entry, int off, int len, byte[] out) {
        mac.update(previous);
        mac.update(entry, off, len);
        try {
            mac.doFinal(out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
