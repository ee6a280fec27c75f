package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reproduces src/test/resources/vectors/ring/ring-v1.json byte for byte (FORMAT.md §10). Run with
 * -Dmemos.vectors.write=true once to create the file for a NEW format version; frozen vectors never change.
 */
class RingVectorsTest {
    private static final Path FILE = Path.of("src/test/resources/vectors/ring/ring-v1.json");
    private static final String ID = RingFixture.ID;
    private static final long T0 = 1767258000L; // 2026-01-01T09:00:00Z

    static ObjectNode compute() {
        ObjectNode v = Json.mapper().createObjectNode();
        ObjectNode in = v.putObject("inputs");
        in.put("id", ID).put("macKey", "01".repeat(32))
                .put("encKey", "02".repeat(32)).put("ed25519Seed", "07".repeat(32)).put("t0", T0);
        RingKeys keys = RingKeys.of(RingFixture.fixed(1), RingFixture.fixed(2));
        var signer = RingFixture.seed(7);
        in.put("publicKey", Hex.encode(signer.publicKey()));

        Chain chain = Chain.genesis(ID, signer.publicKey(), T0);
        v.put("genesisDigest", Hex.encode(Step.genesisDigest(ID, signer.publicKey())));
        v.put("genesisHash", Hex.encode(chain.headHash()));
        chain.append(T0 + 86_400, ChainFlags.PROMOTION, Hash.sha256(Bytes.utf8("promotion 1")));
        v.put("step1Hash", Hex.encode(chain.headHash()));
        chain.seal(Months.of(T0) + 2);
        v.put("archiveAfterTwoMonths", Hex.encode(chain.archive.encode()));
        v.put("archiveRoot", Hex.encode(chain.archive.root(ID)));
        SignedHead head = SignedHead.signV1(chain, signer, ExtractiveSummarizer.ID);
        v.put("signedHeadMessage", new String(head.signedBytes(), java.nio.charset.StandardCharsets.UTF_8));
        v.put("signedHead", new String(head.canonical(), java.nio.charset.StandardCharsets.UTF_8));
        v.put("challengeSignature", Hex.encode(signer.sign(RingVerifier.challengeMessage("abc", head))));

        Entry e = new Entry(1, 0, "event", ID, T0, "Met Alice about the Q3 budget.", List.of(), "", 1);
        v.put("entryPlaintext", new String(e.canonical(), java.nio.charset.StandardCharsets.UTF_8));
        byte[] nonce = Hex.decode("000102030405060708090a0b");
        v.put("sealedEntry", Hex.encode(SealedEntry.seal(e, ID, keys, nonce).encode()));
        v.put("entryAad", Hex.encode(SealedEntry.aad(ID, 1, 0)));

        ObjectNode trust = v.putObject("trust");
        trust.put("age0", TrustScore.compute(0, 0, 0, 0, false).score());
        trust.put("age45", TrustScore.compute(45, 0, 0, 0, false).score());
        trust.put("age120", TrustScore.compute(120, 0, 0, 0, false).score());
        trust.put("age200", TrustScore.compute(200, 0, 0, 0, false).score());
        trust.put("age305", TrustScore.compute(305, 0, 0, 0, false).score());
        trust.put("age400gap1anomaly1", TrustScore.compute(400, 1, 1, 0, false).score());
        return v;
    }

    @Test
    void reproduces_the_frozen_ring_vectors_byte_for_byte() throws Exception {
        ObjectNode now = compute();
        byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(now);
        if (Boolean.getBoolean("memos.vectors.write")) {
            Files.write(FILE, pretty);
        }
        byte[] frozenBytes = Files.readAllBytes(FILE);
        org.junit.jupiter.api.Assertions.assertArrayEquals(frozenBytes, pretty);
        JsonNode frozen = Json.mapper().readTree(frozenBytes);
        assertTrue(SignedHead.fromJson(Json.mapper().readTree(frozen.get("signedHead").textValue())).signatureValid());
    }

    @Test
    void sealed_vector_entry_opens_with_the_vector_keys() {
        JsonNode frozen;
        try {
            frozen = Json.mapper().readTree(Files.readAllBytes(FILE));
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
        RingKeys keys = RingKeys.of(RingFixture.fixed(1), RingFixture.fixed(2));
        Entry e = SealedEntry.decode(Hex.decode(frozen.get("sealedEntry").textValue())).open(ID, keys);
        assertEquals("Met Alice about the Q3 budget.", e.text());
    }
}
