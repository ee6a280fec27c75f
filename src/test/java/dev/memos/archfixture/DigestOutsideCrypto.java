package dev.memos.archfixture;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Violates the crypto confinement: hashes with MessageDigest outside dev.memos.crypto. */
public final class DigestOutsideCrypto {
    private DigestOutsideCrypto() {
    }

    public static byte[] sha256(byte[] b) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
