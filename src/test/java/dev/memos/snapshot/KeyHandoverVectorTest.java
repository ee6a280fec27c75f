package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.BundleKeys;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frozen key-handover vector of FORMAT.md §14.12 (vectors/snapshot/handover-v1.json): old key =
 * the fact-sheet key, new key = SnapFixtures.OTHER_HEX, object salt 00..1f, wrap nonce a0..ab.
 * RFC 6979 makes both signatures deterministic, so the whole file is reproducible.
 * Run with -Dmemos.vectors.write=DIR to regenerate into DIR (only for a new format version).
 */
class KeyHandoverVectorTest {
    static final KeyHandover.Head HEAD = new KeyHandover.Head(7,
            "0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa",
            "aa00bb11cc22dd33ee44ff5566778899aa00bb11cc22dd33ee44ff5566778899");
    static final String CREATED = "2026-12-03T15:00:00Z";

    static byte[] nonce() {
        byte[] n = new byte[12];
        for (int i = 0; i < 12; i++) {
            n[i] = (byte) (0xa0 + i);
        }
        return n;
    }

    static KeyHandover.Encoded encoded(SnapshotKeys to) {
        return KeyHandover.seal(KeyHandover.body(SnapFixtures.key(), to, HEAD, CREATED, nonce()), SnapFixtures.signer(),
                EthSigner.of(SnapFixtures.other()), to, SnapshotVectorTest.salt());
    }

    static ObjectNode vector() {
        try (SnapshotKeys to = SnapshotKeys.derive(SnapFixtures.other())) {
            KeyHandover.Encoded e = encoded(to);
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("old_private_key", SnapFixtures.KEY_HEX);
            n.put("new_private_key", SnapFixtures.OTHER_HEX);
            n.put("new_address", to.address());
            n.put("k_new_root", SnapshotVectorTest.hex(to.rootKey()));
            try (SecretBytes enc = to.handoverKey("handover-enc"); SecretBytes wrap = to.handoverKey("handover-wrap")) {
                n.put("k_handover_enc", SnapshotVectorTest.hex(enc));
                n.put("k_handover_wrap", SnapshotVectorTest.hex(wrap));
            }
            n.put("tag", KeyHandover.tag(to));
            n.put("object_salt", Hex.encode(SnapshotVectorTest.salt()));
            n.put("wrap_nonce", Hex.encode(nonce()));
            n.put("sealed", new String(sealedOf(e, to), StandardCharsets.UTF_8));
            n.put("file", Hex.encode(e.bytes()));
            n.put("id", e.id());
            return n;
        }
    }

    /** The decrypted payload of a handover file: canonical(sealed). */
    static byte[] sealedOf(KeyHandover.Encoded e, SnapshotKeys to) {
        try (SecretBytes base = to.handoverKey("handover-enc")) {
            ObjectHeader h = ObjectHeader.verify(e.bytes(), ObjectHeader.HANDOVER_MAGIC, base, "vector");
            try (SecretBytes k = h.payloadKey(base)) {
                return new dev.memos.crypto.ChaCha20Poly1305(k).open(new byte[12], h.authenticatedPart(), e.bytes(), ObjectHeader.LENGTH,
                        e.bytes().length - ObjectHeader.LENGTH);
            }
        }
    }

    static JsonNode stored() throws IOException {
        String dir = System.getProperty("memos.vectors.write");
        if (dir != null) {
            Files.writeString(Path.of(dir).resolve("handover-v1.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(vector()) + "\n");
        }
        return Json.mapper().readTree(SnapshotVectorTest.resource("handover-v1.json"));
    }

    @Test
    void handover_file_is_reproduced_byte_for_byte_from_the_frozen_vector() throws IOException {
        JsonNode v = stored();
        ObjectNode now = vector();
        for (String field : List.of("new_address", "k_new_root", "k_handover_enc", "k_handover_wrap", "tag", "sealed", "file", "id")) {
            assertEquals(v.get(field).asText(), now.get(field).asText(), field);
        }
    }

    @Test
    void frozen_vector_opens_with_the_new_key_and_hands_over_the_old_keys() throws IOException {
        JsonNode v = stored();
        byte[] file = Hex.decode(v.get("file").asText());
        List<String> warnings = new ArrayList<>();
        try (SnapshotKeys to = SnapshotKeys.derive(SnapFixtures.other()); SnapshotKeys old = SnapFixtures.keys();
                BundleKeys bundle = BundleKeys.derive(SnapFixtures.key());
                KeyHandover.Opened o = KeyHandover.open(file, v.get("id").asText(), to, warnings::add).orElseThrow()) {
            assertEquals(old.address(), o.oldAddress());
            assertEquals(to.address(), o.newAddress());
            assertEquals(HEAD, o.head());
            assertTrue(o.oldKeys().rootKey().equalsSecret(old.rootKey()), "K of the old key");
            assertTrue(o.oldKeys().snapshotMacKey().equalsSecret(old.snapshotMacKey()));
            assertTrue(o.oldBundleKey().equalsSecret(bundle.encryptionKey()), "K_enc (§2) of the old key");
            assertArrayEquals(SnapFixtures.key().publicKey(), o.oldPublicKey());
            assertTrue(warnings.isEmpty());
        }
        JsonNode sealed = Json.mapper().readTree(v.get("sealed").asText());
        assertEquals(v.get("sealed").asText(), CanonicalJson.string(sealed), "the sealed record is canonical JSON");
    }
}
