package dev.memos.archfixture;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/** Violates the crypto confinement: a javax.crypto.Cipher outside dev.memos.crypto. */
public final class CipherOutsideCrypto {
    private CipherOutsideCrypto() {
    }

    public static Cipher gcm() throws GeneralSecurityException {
        return Cipher.getInstance("AES/GCM/NoPadding");
    }
}
