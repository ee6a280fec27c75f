package dev.memos.token;

import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.ring.FileRollbackCounter;
import dev.memos.ring.RingKeys;
import dev.memos.ring.RingStore;
import dev.memos.ring.SignedHead;
import dev.memos.ring.TrustScore;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §6: {@code minTrust} and the embedded chain head (FORMAT.md §11.2, §11.5 step 10b). The
 * verifier computes the issuer's score from a v2 signed head; forged, foreign and v1 heads, claims that
 * disagree with the head, and scores below the minimum are each refused with their own reason.
 */
class TokenTrustTest {
    private static final String APEX = TokenFixtures.APEX;
    private final TokenFixtures f = new TokenFixtures();
    private final Ed25519 skillKey = TokenFixtures.key("apex/skill:weather");

    @TempDir
    Path tmp;

    /** A memory chain of {@code id} under {@code key}, born {@code daysOld} days before the fixture clock. */
    private RingStore rings(String id, Ed25519 key, int daysOld) {
        MutableClock born = new MutableClock(TokenFixtures.T0.minus(Duration.ofDays(daysOld)));
        RingKeys keys = RingKeys.of(SecretBytes.adopt(TokenFixtures.sha256("mac")), SecretBytes.adopt(TokenFixtures.sha256("enc")));
        Path dir = tmp.resolve(id + "-" + daysOld);
        RingStore.builder().dir(dir).id(id).signer(key).keys(keys).writer(id).clock(born)
                .counter(new FileRollbackCounter(dir.resolve("ctr"), id, keys)).open();
        return RingStore.builder().dir(dir).id(id).signer(key).keys(keys).writer(id).clock(f.clock)
                .counter(new FileRollbackCounter(dir.resolve("ctr"), id, keys)).open();
    }

    /** APEX, issuing with a head of its own chain ({@code daysOld} days old) unless another head is given. */
    private TokenIssuer issuer(SignedHead head) {
        return issuer(new HeadIssuer(APEX, f.apex, head));
    }

    private TokenIssuer issuer(Issuer apex) {
        return TokenIssuer.builder().issuers(id -> Optional.of(apex).filter(i -> i.id().equals(id))).keys(f.keys).clock(f.clock).build();
    }

    private String issue(SignedHead head, boolean embed) {
        return issuer(head).issue(new IssueRequest(APEX, List.of(), SKILL, Duration.ofSeconds(120), List.of()).withHead(embed)).compact();
    }

    /** The same token with its payload edited and re-signed by the skill key (what a lying issuer can do). */
    private String edited(String token, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode n = (ObjectNode) Json.mapper().readTree(dev.memos.encoding.Base64Url.decode(parts[1]));
        edit.accept(n);
        return CitToken.parsePayload(dev.memos.encoding.CanonicalJson.bytes(n)).encode(skillKey);
    }

    private Verification verify(String token, int min, HeadSource source) {
        TokenVerifier.Builder b = f.verifier();
        if (min > 0) {
            b.minTrust(min);
        }
        try (TokenVerifier v = b.headSource(source).build()) {
            return v.verify(token);
        }
    }

    private static void assertRejected(RejectReason r, Verification v) {
        assertFalse(v.valid(), v.toString());
        assertEquals(r, v.reason().orElseThrow(), v.toString());
    }

    @Test
    void rejects_a_token_claiming_more_trust_than_its_embedded_head_gives() throws Exception {
        SignedHead head = SignedHead.fresh(rings(APEX, f.apex, 40), f.apex);
        int real = TrustScore.fromHead(head, f.clock.instant().getEpochSecond()).score();
        String liar = edited(issue(head, true), n -> n.put("trust", 90));
        Verification v = verify(liar, 0, null);
        assertRejected(RejectReason.TRUST_MISMATCH, v);
        assertTrue(v.detail().contains("claimed trust 90 but the embedded chain head of " + APEX + " gives " + real), v.detail());
    }

    @Test
    void rejects_a_score_below_the_minimum_computed_from_the_head() {
        SignedHead head = SignedHead.fresh(rings(APEX, f.apex, 40), f.apex);
        int real = TrustScore.fromHead(head, f.clock.instant().getEpochSecond()).score();
        Verification v = verify(issue(head, true), real + 1, null);
        assertRejected(RejectReason.TRUST_BELOW_MINIMUM, v);
        assertTrue(v.detail().contains("has trust " + real) && v.detail().contains("below the minimum " + (real + 1)), v.detail());
    }

    @Test
    void rejects_an_embedded_head_of_another_identity() {
        Ed25519 otherKey = Ed25519.generate();
        SignedHead novas = SignedHead.fresh(rings(TokenFixtures.NOVA, otherKey, 400), otherKey);
        Verification v = verify(issue(novas, true), 10, null);
        assertRejected(RejectReason.BAD_TRUST_HEAD, v);
        assertTrue(v.detail().contains("belongs to " + TokenFixtures.NOVA), v.detail());
    }

    @Test
    void rejects_an_embedded_head_of_the_issuers_id_signed_by_another_key() {
        Ed25519 forger = Ed25519.generate();
        SignedHead forged = SignedHead.fresh(rings(APEX, forger, 400), forger); // an old, high-trust chain under a fresh key
        Verification v = verify(issue(forged, true), 10, null);
        assertRejected(RejectReason.BAD_TRUST_HEAD, v);
        assertTrue(v.detail().contains("is signed for identity key"), v.detail());
    }

    @Test
    void rejects_an_embedded_head_whose_trust_inputs_were_edited() throws Exception {
        SignedHead head = SignedHead.fresh(rings(APEX, f.apex, 40), f.apex);
        String token = edited(issue(head, true), n -> ((ObjectNode) n.get("head").get("trust")).put("gapMonths", 0));
        Verification v = verify(token, 10, null);
        assertRejected(RejectReason.BAD_TRUST_HEAD, v);
        assertTrue(v.detail().contains("forged or altered"), v.detail());
    }

    @Test
    void rejects_an_embedded_v1_head_which_commits_to_no_trust_inputs() throws Exception {
        SignedHead v2 = SignedHead.fresh(rings(APEX, f.apex, 40), f.apex);
        SignedHead v1 = new SignedHead(v2.id(), v2.algorithm(), v2.publicKey(), v2.genesis(), v2.step(), v2.stepHash(), v2.stepTime(),
                v2.firstMonth(), v2.months(), v2.archiveRoot(), v2.recent(), v2.summarizer(), new byte[64]);
        String token = edited(issue(v2, true), n -> n.set("head", v1.toJson()));
        assertRejected(RejectReason.BAD_TRUST_HEAD, verify(token, 10, null));
    }

    @Test
    void without_a_head_or_a_published_one_a_minimum_cannot_be_met() {
        Verification v = verify(issue(null, false), 10, null);
        assertRejected(RejectReason.NO_TRUST_HEAD, v);
        Verification offline = verify(issue(null, false), 10, (id, alg, key) -> {
            throw MemosException.network("gateway down", null);
        });
        assertRejected(RejectReason.NO_TRUST_HEAD, offline);
        assertTrue(offline.detail().contains("gateway down"), offline.detail());
    }

    @Test
    void rejects_a_published_head_the_source_hands_over_for_another_key() {
        Ed25519 forger = Ed25519.generate();
        SignedHead forged = SignedHead.fresh(rings(APEX, forger, 400), forger);
        assertRejected(RejectReason.NO_TRUST_HEAD, verify(issue(null, false), 10, (id, alg, key) -> Optional.of(forged)));
    }

    @Test
    void a_trust_rejection_burns_no_nonce_and_the_token_verifies_once_the_minimum_is_met() {
        SignedHead head = SignedHead.fresh(rings(APEX, f.apex, 40), f.apex);
        int real = TrustScore.fromHead(head, f.clock.instant().getEpochSecond()).score();
        String token = issue(head, true);
        ReplayCache shared = ReplayCache.inMemory(16);
        try (TokenVerifier strict = f.verifier().replayCache(shared).minTrust(real + 1).build()) {
            assertRejected(RejectReason.TRUST_BELOW_MINIMUM, strict.verify(token));
        }
        try (TokenVerifier fair = f.verifier().replayCache(shared).minTrust(real).build()) {
            Verification ok = fair.verify(token);
            assertTrue(ok.valid(), ok.toString());
            assertEquals(real, ok.token().trustScore());
            assertEquals("embedded", ok.token().trustSource());
            assertRejected(RejectReason.REPLAYED_NONCE, fair.verify(token));
        }
    }

    @Test
    void uses_the_newest_published_head_when_the_token_carries_none() throws Exception {
        SignedHead head = SignedHead.fresh(rings(APEX, f.apex, 200), f.apex);
        int real = TrustScore.fromHead(head, f.clock.instant().getEpochSecond()).score();
        // the issuer claims what its own chain gives (the fixture's 55 would disagree with the head)
        String token = issuer(new HeadIssuer(APEX, f.apex, head, real)).issue(new IssueRequest(APEX, List.of(), SKILL, Duration.ofSeconds(120), List.of())).compact();
        Verification v = verify(token, real, (id, alg, key) -> Optional.of(head));
        assertTrue(v.valid(), v.toString());
        assertEquals("published", v.token().trustSource());
        assertRejected(RejectReason.TRUST_MISMATCH, verify(edited(token, n -> n.put("trust", real + 1)), real,
                (id, alg, key) -> Optional.of(head)));
    }

    @Test
    void min_trust_outside_10_to_100_is_a_usage_error() {
        assertThrows(IllegalArgumentException.class, () -> f.verifier().minTrust(9));
        assertThrows(IllegalArgumentException.class, () -> f.verifier().minTrust(101));
    }

    /** An issuer whose chain head is {@code head} (null: it has none) and whose own score is {@code trust}. */
    private record HeadIssuer(String id, Ed25519 key, SignedHead head, int trust) implements Issuer {
        HeadIssuer(String id, Ed25519 key, SignedHead head) {
            this(id, key, head, 55);
        }

        @Override
        public IssuerState state() {
            return IssuerState.ACTIVE;
        }

        @Override
        public int trustScore() {
            return trust;
        }

        @Override
        public dev.memos.crypto.Signer delegationSigner() {
            return key;
        }

        @Override
        public List<DelegationLink> grants() {
            return List.of();
        }

        @Override
        public SignedHead trustHead() {
            return head == null ? Issuer.super.trustHead() : head;
        }
    }
}
