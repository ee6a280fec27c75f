package dev.memos.shell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.CanonicalJson;
import dev.memos.ring.ForkProof;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingProofs;
import dev.memos.ring.RingStore;
import dev.memos.ring.RollbackCounter;
import dev.memos.ring.SignedHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What a forger makes with nothing but a fresh key: a memory chain, proofs and fork proofs for any ID,
 * all internally consistent (genesis digest recomputed for the new key, every head validly signed).
 * Built here in the test, never read from fixtures signed by the right key.
 */
final class Forgeries {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Forgeries() {
    }

    static Ed25519 freshKey() {
        return Ed25519.generate();
    }

    static Ed25519 key(long seed) {
        byte[] s = new byte[32];
        new java.util.Random(seed).nextBytes(s);
        return Ed25519.fromSeed(SecretBytes.adopt(s));
    }

    /** A fresh chain for {@code id} signed by {@code key}, its genesis at {@code genesis}. */
    static RingStore chain(Path dir, String id, Ed25519 key, Instant genesis) {
        byte[] mac = new byte[32];
        byte[] enc = new byte[32];
        RANDOM.nextBytes(mac);
        RANDOM.nextBytes(enc);
        return RingStore.builder().dir(dir).id(id).signer(key).keys(RingKeys.of(SecretBytes.adopt(mac), SecretBytes.adopt(enc)))
                .writer(id).clock(Clock.fixed(genesis, ZoneOffset.UTC)).counter(RollbackCounter.inMemory()).open();
    }

    /** A proof of {@code id} answering {@code challenge}, signed by {@code key}. */
    static Path proof(Path dir, String id, Ed25519 key, String challenge) throws IOException {
        RingStore s = chain(dir.resolve("forged-rings-" + RANDOM.nextInt(1 << 30)), id, key, Instant.now());
        ObjectNode proof = RingProofs.prove(s, challenge);
        Path out = dir.resolve("forged-proof-" + RANDOM.nextInt(1 << 30) + ".json");
        Files.write(out, CanonicalJson.bytes(proof));
        return out;
    }

    /** Two heads of {@code id} under {@code key} that diverge at step 0 (two geneses an hour apart): a fork proof. */
    static Path forkProof(Path dir, String id, Ed25519 key) throws IOException {
        Instant t = Instant.now().minusSeconds(7200);
        SignedHead a = chain(dir.resolve("fork-a-" + RANDOM.nextInt(1 << 30)), id, key, t).head();
        SignedHead b = chain(dir.resolve("fork-b-" + RANDOM.nextInt(1 << 30)), id, key, t.plusSeconds(3600)).head();
        Path out = dir.resolve("forged-fork-" + RANDOM.nextInt(1 << 30) + ".json");
        Files.write(out, CanonicalJson.bytes(new ForkProof(a, b, null).toJson()));
        return out;
    }
}
