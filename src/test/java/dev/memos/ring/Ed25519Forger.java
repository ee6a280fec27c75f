package dev.memos.ring;

/** Signs a head's bytes with a different key while keeping the victim's public key in it. */
final class Ed25519Forger {
    SignedHead resignWithOtherKeyButSamePublicKey(SignedHead h) {
        byte[] sig = RingFixture.seed(99).sign(h.signedBytes());
        return new SignedHead(h.id(), h.algorithm(), h.publicKey(), h.genesis(), h.step() + 1, h.stepHash(), h.stepTime(),
                h.firstMonth(), h.months(), h.archiveRoot(), h.recent(), h.summarizer(), sig);
    }
}
