package dev.memos.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one AES-256-GCM (96-bit nonce, 128-bit tag, JDK provider) of memos: identity key wrap and
 * export files, ring entries and sealed token keys. The revealed key copy is wiped after each call.
 */
public final class AesGcm {
    public static final int NONCE = 12;
    public static final int TAG = 16;

    private AesGcm() {
    }

    /** Ciphertext || tag. The nonce must be 12 bytes and never repeat under one key. */
    public static byte[] seal(SecretBytes key, byte[] nonce, byte[] aad, byte[] plaintext) {
        if (nonce.length != NONCE) {
            throw new IllegalArgumentException("AES-GCM nonce must be " + NONCE + " bytes, got " + nonce.length);
        }
        try {
            return run(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The plaintext, or empty when it does not authenticate (wrong key, altered bytes or AAD, a nonce
     * that is not 12 bytes, input shorter than a tag); the caller words the error for its file.
     */
    public static Optional<byte[]> open(SecretBytes key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        if (nonce.length != NONCE || ciphertext.length < TAG) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(Cipher.DECRYPT_MODE, key, nonce, aad, ciphertext));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        }
    }

    private static byte[] run(int mode, SecretBytes key, byte[] nonce, byte[] aad, byte[] input) throws AEADBadTagException {
        byte[] k = key.reveal();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }
}
