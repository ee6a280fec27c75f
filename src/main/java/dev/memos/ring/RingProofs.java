package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dual-factor verification (seed): the key signs a challenge AND the memory chain matches.
 * {@link #prove} writes a proof another party checks with {@link #verifyProof}, optionally against a
 * checkpoint of the same identity it saw earlier (the chain must extend it).
 */
public final class RingProofs {
    public static final String FORMAT = "memos-ring-proof-v1";

    /** Outcome of a check: {@code ok} only when every factor passed; {@code problems} says why not. */
    public record Check(boolean ok, boolean keyOk, boolean memoryOk, SignedHead head, RingVerifier.Standing standing,
                        TrustScore trust, List<String> problems, ForkProof fork) {
    }

    private RingProofs() {
    }

    /** The proof of {@code store} for {@code challenge} (runs due maintenance first so the chain is current). */
    public static ObjectNode prove(RingStore store, String challenge) {
        requireChallenge(challenge);
        if (store.signer == null) {
            throw MemosException.auth("cannot prove " + store.id + ": its key is not usable here (locked or not active)");
        }
        if (!store.quarantined()) {
            store.promote();
        }
        SignedHead head = store.head();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("format", FORMAT);
        n.put("challenge", challenge);
        n.set("head", head.toJson());
        n.set("chain", ChainCodec.toJson(store.chain()));
        n.put("challengeSignature", Base64Url.encode(store.signer.sign(RingVerifier.challengeMessage(challenge, head))));
        return n;
    }

    /** The local dual-factor check: a fresh challenge signed by the unlocked key, the stored chain intact, and (if given) extending {@code known}. */
    public static Check verifyLocal(RingStore store, SignedHead known) {
        String challenge = Base64Url.encode(Hash.sha256(Bytes.u64(System.nanoTime()), Bytes.u64(store.now())));
        List<String> problems = new ArrayList<>();
        SignedHead head = store.head();
        boolean keyOk = store.signer != null && RingVerifier.challengeSignatureValid(challenge, head,
                store.signer.sign(RingVerifier.challengeMessage(challenge, head)));
        if (!keyOk) {
            problems.add(store.signer == null ? "no key: the identity is locked" : "the key does not match the memory chain's key");
        }
        return finish(keyOk, store.chain(), head, known, store.quarantined(), store.now(), problems);
    }

    public static Check verifyProof(JsonNode proof, String expectedChallenge, SignedHead known, long now) {
        if (!FORMAT.equals(proof.path("format").textValue())) {
            throw MemosException.integrity("not a memos identity proof (format is not " + FORMAT + ")");
        }
        List<String> problems = new ArrayList<>();
        SignedHead head = SignedHead.fromJson(proof.path("head")).requireValid("the proof");
        String challenge = proof.path("challenge").asText("");
        boolean keyOk;
        try {
            keyOk = RingVerifier.challengeSignatureValid(challenge, head, Base64Url.decode(proof.path("challengeSignature").asText("")));
        } catch (IllegalArgumentException e) {
            keyOk = false;
        }
        if (!keyOk) {
            problems.add("the challenge signature does not verify with the identity key");
        }
        if (expectedChallenge != null && !expectedChallenge.equals(challenge)) {
            keyOk = false;
            problems.add("the proof answers another challenge than the one asked (replayed proof)");
        }
        Chain chain;
        try {
            chain = ChainCodec.fromJson(head.id(), proof.path("chain"));
        } catch (MemosException e) {
            problems.add(e.getMessage());
            return new Check(false, keyOk, false, head, null, null, List.copyOf(problems), null);
        }
        return finish(keyOk, chain, head, known, false, now, problems);
    }

    private static Check finish(boolean keyOk, Chain chain, SignedHead head, SignedHead known, boolean quarantined, long now,
                                List<String> problems) {
        boolean memoryOk = true;
        try {
            RingVerifier.checkChain(chain, head);
        } catch (MemosException e) {
            memoryOk = false;
            problems.add(e.getMessage());
        }
        RingVerifier.Standing standing = null;
        ForkProof fork = null;
        if (known != null && memoryOk) {
            known.requireValid("the known checkpoint");
            if (!known.id().equals(head.id()) || !Arrays.equals(known.publicKey(), head.publicKey())) {
                memoryOk = false;
                problems.add("the checkpoint is of another identity or key: the memory does not belong to the key seen before");
            } else {
                standing = RingVerifier.standing(chain, head, known);
                switch (standing) {
                    case EXTENDS, EXTENDS_BY_MONTH -> { }
                    case BEHIND -> problems.add("the chain is older than the checkpoint already seen (rollback or stale proof)");
                    case FORK -> {
                        problems.add("fork: the chain and the checkpoint diverge (a clone of this identity exists)");
                        fork = new ForkProof(known, head, known.step() <= head.step() ? ChainCodec.toJson(chain) : null);
                    }
                    case UNDECIDED -> problems.add("cannot tell whether the chain extends the checkpoint (too far apart)");
                }
                memoryOk = standing == RingVerifier.Standing.EXTENDS || standing == RingVerifier.Standing.EXTENDS_BY_MONTH;
            }
        }
        if (quarantined) {
            memoryOk = false;
            problems.add("the identity is quarantined after a fork");
        }
        TrustScore trust = TrustScore.of(chain, quarantined || fork != null, now);
        return new Check(keyOk && memoryOk, keyOk, memoryOk, head, standing, trust, List.copyOf(problems), fork);
    }

    private static void requireChallenge(String challenge) {
        if (challenge == null || challenge.isBlank() || challenge.length() > 512) {
            throw MemosException.usage("--challenge must be 1 to 512 characters (the verifier's random value)");
        }
    }
}
