package dev.memos.identity;

import dev.memos.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 96-bit nonce and 128-bit tag (JDK provider). */
final class Aead {
    static final int NONCE = 12;
    static final int TAG = 16;

    private Aead() {
    }

    static byte[] seal(SecretBytes key, byte[] nonce, byte[] aad, byte[] plaintext) {
        return run(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext);
    }

    /** Null when authentication fails (wrong key or altered data); the caller words the error. */
    static byte[] open(SecretBytes key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        if (nonce.length != NONCE || ciphertext.length < TAG) {
            return null;
        }
        try {
            return run(Cipher.DECRYPT_MODE, key, nonce, aad, ciphertext);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof AEADBadTagException) {
                return null;
            }
            throw e;
        }
    }

    private static byte[] run(int mode, SecretBytes key, byte[] nonce, byte[] aad, byte[] input) {
        byte[] k = key.reveal();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }
}
