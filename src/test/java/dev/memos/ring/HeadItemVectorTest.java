package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Frozen vector (identity key: Ed25519 seed 32 × 0x07, a fresh chain created 2026-01-01T09:00:00Z) of a published chain head item and its tag (FORMAT.md §13.5). */
class HeadItemVectorTest {
    static final Path FILE = Path.of("src/test/resources/vectors/ring/head-item-v1.json");

    @Test
    void frozen_head_item_parses_verifies_and_carries_the_frozen_tag() throws Exception {
        JsonNode v = Json.mapper().readTree(Files.readAllBytes(FILE));
        SignatureAlgorithm alg = SignatureAlgorithm.fromId(v.get("alg").asText());
        byte[] pk = Base64Url.decode(v.get("publicKey").asText());
        byte[] item = v.get("item").asText().getBytes(StandardCharsets.UTF_8);
        assertEquals(v.get("tag").asText(), PublishedHeads.tagValue(alg, pk));
        SignedHead h = PublishedHeads.parse(item, v.get("id").asText(), alg, pk).orElseThrow();
        assertArrayEquals(item, CanonicalJson.bytes(h.toJson()));
        // one flipped byte of the signature, another ID, another key: all skipped
        String text = v.get("item").asText();
        int at = text.indexOf("\"signature\":\"") + 14;
        String flipped = text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
        assertTrue(PublishedHeads.parse(flipped.getBytes(StandardCharsets.UTF_8), v.get("id").asText(), alg, pk).isEmpty());
        assertTrue(PublishedHeads.parse(item, "CW-OTHER.R7KMX2-AA", alg, pk).isEmpty());
        assertTrue(PublishedHeads.parse(item, v.get("id").asText(), alg, RingFixture.seed(8).publicKey()).isEmpty());
    }
}
