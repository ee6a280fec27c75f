package dev.memos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one ChaCha20-Poly1305 (RFC 8439): one-shot with a caller-chosen 12-byte nonce and associated
 * data (snapshot packs and files, original MemOS bundles); {@link ChunkedAead} builds the bundles'
 * STREAM construction on its key and cipher.
 * The caller owns nonce uniqueness; the snapshot formats make it so by giving every object its own
 * key (derived from a per-object salt) and numbering the blobs inside it. Thread-safe: each call
 * uses its own Cipher.
 */
public final class ChaCha20Poly1305 {
    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;

    private final SecretKeySpec key;

    public ChaCha20Poly1305(SecretBytes key32) {
        this.key = keySpec(key32);
    }

    /** The JDK key object of a 32-byte ChaCha20 key; the revealed copy is wiped. Shared with ChunkedAead. */
    static SecretKeySpec keySpec(SecretBytes key32) {
        byte[] raw = key32.reveal();
        try {
            if (raw.length != 32) {
                throw new IllegalArgumentException("ChaCha20-Poly1305 takes a 32-byte key");
            }
            return new SecretKeySpec(raw, "ChaCha20");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is not available in this JDK", e);
        }
    }

    /** ciphertext || tag. */
    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext, int off, int len) {
        try {
            return run(Cipher.ENCRYPT_MODE, nonce, aad, plaintext, off, len);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The plaintext, or null when the tag does not verify (the caller names what failed). */
    public byte[] open(byte[] nonce, byte[] aad, byte[] sealed, int off, int len) {
        if (len < TAG_LENGTH) {
            return null;
        }
        try {
            return run(Cipher.DECRYPT_MODE, nonce, aad, sealed, off, len);
        } catch (AEADBadTagException e) {
            return null;
        }
    }

    private byte[] run(int mode, byte[] nonce, byte[] aad, byte[] in, int off, int len) throws AEADBadTagException {
        try {
            // The JDK refuses to reuse a key/nonce pair on one Cipher, even to decrypt again; a fresh
            // instance per call keeps that check from firing on a legitimate second read.
            Cipher cipher = newCipher();
            cipher.init(mode, key, new IvParameterSpec(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, off, len);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
    }

    @Override
    public String toString() {
        return "ChaCha20Poly1305[redacted]";
    }
}
