package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Frozen vector of a v2 chain head (FORMAT.md §10.6, §10.10): the head commits to the trust inputs,
 * and the score recomputed from the head alone at later times equals the chain's own score then.
 * Identity key: Ed25519 seed 32 × 0x07; genesis 2026-01-01T09:00:00Z, one promotion on 2 January,
 * nothing in February, a write in March; signed on 2026-03-15.
 */
class HeadTrustVectorTest {
    private static final Path FILE = Path.of("src/test/resources/vectors/ring/head-v2.json");
    private static final long T0 = 1767258000L;
    private static final long AS_OF = 1773532800L; // 2026-03-15T00:00:00Z
    private static final long[] AT = {AS_OF, 1775347200L /* 2026-04-05 */, 1780272000L /* 2026-06-01 */, 1798761600L /* 2027-01-01 */};

    private static Chain chain() {
        Chain c = Chain.genesis(RingFixture.ID, RingFixture.seed(7).publicKey(), T0);
        c.append(T0 + 86_400, ChainFlags.PROMOTION, Hash.sha256(Bytes.utf8("promotion 1")));
        c.writeMonths.add(Months.of(AS_OF));
        return c;
    }

    static ObjectNode compute() {
        Chain c = chain();
        SignedHead head = SignedHead.sign(c, RingFixture.seed(7), ExtractiveSummarizer.ID, false, AS_OF);
        ObjectNode v = Json.mapper().createObjectNode();
        v.put("seed", "07".repeat(32));
        v.put("signedHeadMessage", new String(head.signedBytes(), StandardCharsets.UTF_8));
        v.put("signedHead", new String(head.canonical(), StandardCharsets.UTF_8));
        ArrayNode scores = v.putArray("scores");
        for (long t : AT) {
            TrustScore s = TrustScore.fromHead(head, t);
            scores.addObject().put("t", t).put("ageDays", s.ageDays()).put("gapMonths", s.gaps()).put("score", s.score());
        }
        return v;
    }

    @Test
    void reproduces_the_frozen_v2_head_and_its_scores_byte_for_byte() throws Exception {
        byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(compute());
        if (Boolean.getBoolean("memos.vectors.write")) {
            Files.write(FILE, pretty);
        }
        assertArrayEquals(Files.readAllBytes(FILE), pretty);
    }

    @Test
    void score_from_the_head_alone_equals_the_chains_own_score_at_every_later_time() throws Exception {
        JsonNode v = Json.mapper().readTree(Files.readAllBytes(FILE));
        SignedHead head = SignedHead.fromJson(Json.mapper().readTree(v.get("signedHead").asText()));
        assertTrue(head.signatureValid());
        assertEquals(SignedHead.FORMAT_V2, head.format());
        for (JsonNode s : v.get("scores")) {
            long t = s.get("t").asLong();
            assertEquals(s.get("score").asInt(), TrustScore.fromHead(head, t).score(), "at " + t);
            assertEquals(TrustScore.of(chain(), false, t), TrustScore.fromHead(head, t), "at " + t);
        }
    }

    @Test
    void rejects_a_head_whose_trust_inputs_were_edited_after_signing() throws Exception {
        String text = Json.mapper().readTree(Files.readAllBytes(FILE)).get("signedHead").asText();
        ObjectNode n = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) n.get("trust")).put("gapMonths", 0);
        assertFalse(SignedHead.fromJson(n).signatureValid());
        ObjectNode q = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) q.get("trust")).put("quarantined", true);
        assertFalse(SignedHead.fromJson(q).signatureValid());
    }

    @Test
    void rejects_malformed_trust_inputs_and_a_v1_head_that_claims_them() throws Exception {
        String text = Json.mapper().readTree(Files.readAllBytes(FILE)).get("signedHead").asText();
        ObjectNode extra = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) extra.get("trust")).put("bonus", 1);
        assertThrows(MemosException.class, () -> SignedHead.fromJson(extra));
        ObjectNode negative = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) negative.get("trust")).put("gapMonths", -1);
        assertThrows(MemosException.class, () -> SignedHead.fromJson(negative));
        ObjectNode huge = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) huge.get("trust")).put("forkMonths", 1L << 33);
        assertThrows(MemosException.class, () -> SignedHead.fromJson(huge));
        ObjectNode early = (ObjectNode) Json.mapper().readTree(text);
        ((ObjectNode) early.get("trust")).put("asOf", T0);
        assertThrows(MemosException.class, () -> SignedHead.fromJson(early));
        ObjectNode missing = (ObjectNode) Json.mapper().readTree(text);
        missing.remove("trust");
        assertThrows(MemosException.class, () -> SignedHead.fromJson(missing));
        ObjectNode v1 = (ObjectNode) Json.mapper().readTree(text);
        v1.put("format", SignedHead.FORMAT);
        assertThrows(MemosException.class, () -> SignedHead.fromJson(v1));
    }

    @Test
    void a_v1_head_still_verifies_but_gives_no_score() throws Exception {
        JsonNode frozen = Json.mapper().readTree(Files.readAllBytes(Path.of("src/test/resources/vectors/ring/ring-v1.json")));
        SignedHead v1 = SignedHead.fromJson(Json.mapper().readTree(frozen.get("signedHead").textValue()));
        assertTrue(v1.signatureValid());
        assertNull(v1.trust());
        assertArrayEquals(frozen.get("signedHead").textValue().getBytes(StandardCharsets.UTF_8), CanonicalJson.bytes(v1.toJson()));
        MemosException e = assertThrows(MemosException.class, () -> TrustScore.fromHead(v1, T0));
        assertTrue(e.getMessage().contains("no trust inputs"), e.getMessage());
    }

    @Test
    void a_quarantined_head_scores_ten_whatever_its_age() {
        SignedHead q = SignedHead.sign(chain(), RingFixture.seed(7), ExtractiveSummarizer.ID, true, AS_OF);
        assertEquals(10, TrustScore.fromHead(q, AT[3]).score());
    }
}
