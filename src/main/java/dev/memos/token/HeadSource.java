package dev.memos.token;

import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.ring.SignedHead;
import java.util.Optional;

/**
 * Where a verifier that is online finds the newest chain head published for an identity (FORMAT.md
 * §13.5), to compute the issuer's trust score for {@code TokenVerifier.Builder.minTrust}. The CLI
 * reads Arweave; a library verifier may pass any source: what it returns is checked again anyway.
 */
@FunctionalInterface
public interface HeadSource {
    /** The newest validly signed head of {@code id} under that key, if any is published; may throw a MemosException on network errors. */
    Optional<SignedHead> newest(String id, SignatureAlgorithm alg, byte[] publicKey);
}
