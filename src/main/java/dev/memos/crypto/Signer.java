package dev.memos.crypto;

/**
 * Signs messages with one private key, wherever it lives (memory, HSM). Verification is separate
 * ({@link Signatures}) so verifying code never needs a signer.
 */
public interface Signer {
    SignatureAlgorithm algorithm();

    /** Public key in the encoding of {@link SignatureAlgorithm}. */
    byte[] publicKey();

    byte[] sign(byte[] message);
}
