package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The snapshot object of FORMAT.md §14.6: sealing, encryption and every body rule a reader enforces. */
class SnapshotCodecTest {
    static final String A = "aa".repeat(32);
    static final String B = "bb".repeat(32);
    static final String P = "cc".repeat(32);

    static Snapshot sample(SnapshotKeys k) {
        Map<String, BlobRef> idx = Map.of(A, new BlobRef(A, P, 76, 117, 100), B, new BlobRef(B, P, 193, 67, 50));
        return Snapshot.create(k.address(), 3, "dd".repeat(32), "2026-01-02T03:04:05Z", ChunkerParams.DEFAULT,
                List.of(TreeEntry.file("d/x.md", 150, 0644, 1700000000, List.of(A, B)), TreeEntry.dir("d", 0755, 1700000000)), idx);
    }

    /** Seals an arbitrary body exactly as the writer would (valid HMAC and signature). */
    static byte[] seal(ObjectNode body, SnapshotKeys k, EthSigner signer) {
        String text = CanonicalJson.string(body);
        String sha = Hex.encode(Hash.sha256(text.getBytes(StandardCharsets.UTF_8)));
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("hmac", Hex.encode(HmacSha256.mac(k.snapshotMacKey(), SnapshotCodec.MAC_LABEL.getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_8))));
        n.put("signature", "0x" + Hex.encode(signer.signPersonalMessage((SnapshotCodec.SIGN_PREFIX + sha).getBytes(StandardCharsets.US_ASCII))));
        n.set("snapshot", body);
        n.put("snapshot_sha256", sha);
        return CanonicalJson.bytes(n);
    }

    static void refusedWhen(Consumer<ObjectNode> edit, String fragment) {
        SnapshotKeys k = SnapFixtures.keys();
        ObjectNode body = sample(k).toJson();
        edit.accept(body);
        MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.parseSealed(seal(body, k, SnapFixtures.signer()), k, "snapshot x"));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void a_snapshot_round_trips_and_its_id_is_the_file_hash() {
        SnapshotKeys k = SnapFixtures.keys();
        Snapshot s = sample(k);
        SnapshotCodec.Encoded enc = SnapshotCodec.write(s, k, SnapFixtures.signer());
        assertEquals(Hex.encode(Hash.sha256(enc.bytes())), enc.id());
        Snapshot back = SnapshotCodec.read(enc.bytes(), enc.id(), k);
        assertEquals(s, back);
        assertEquals(s.sha256(), back.sha256());
        assertTrue(!new String(enc.bytes(), StandardCharsets.ISO_8859_1).contains("x.md"), "paths are encrypted");
    }

    @Test
    void rejects_every_flipped_byte_of_the_file() {
        SnapshotKeys k = SnapFixtures.keys();
        SnapshotCodec.Encoded enc = SnapshotCodec.write(sample(k), k, SnapFixtures.signer());
        for (int pos = 0; pos < enc.bytes().length; pos += 7) {
            byte[] bad = enc.bytes().clone();
            bad[pos] ^= 4;
            MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.read(bad, null, k));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
        }
    }

    @Test
    void refuses_a_snapshot_made_under_another_key() {
        try (var other = SnapFixtures.other()) {
            SnapshotKeys ok = SnapshotKeys.derive(other);
            SnapshotCodec.Encoded enc = SnapshotCodec.write(sample(ok), ok, EthSigner.of(other));
            MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.read(enc.bytes(), enc.id(), SnapFixtures.keys()));
            assertTrue(e.getMessage().contains("another key"), e.getMessage());
        }
    }

    @Test
    void rejects_a_body_signed_by_another_key_even_with_our_hmac() {
        SnapshotKeys k = SnapFixtures.keys();
        try (var other = SnapFixtures.other()) {
            byte[] forged = seal(sample(k).toJson(), k, EthSigner.of(other));
            MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.parseSealed(forged, k, "snapshot x"));
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
        }
    }

    @Test
    void rejects_a_body_whose_hmac_is_not_ours() {
        SnapshotKeys k = SnapFixtures.keys();
        String sealed = new String(seal(sample(k).toJson(), k, SnapFixtures.signer()), StandardCharsets.UTF_8);
        String bad = sealed.replaceFirst("\"hmac\":\"[0-9a-f]{64}\"", "\"hmac\":\"" + "00".repeat(32) + "\"");
        MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.parseSealed(bad.getBytes(StandardCharsets.UTF_8), k, "s"));
        assertTrue(e.getMessage().contains("HMAC"), e.getMessage());
    }

    @Test
    void rejects_a_non_canonical_payload() {
        SnapshotKeys k = SnapFixtures.keys();
        String sealed = new String(seal(sample(k).toJson(), k, SnapFixtures.signer()), StandardCharsets.UTF_8);
        byte[] pretty = sealed.replaceFirst("\\{", "{ ").getBytes(StandardCharsets.UTF_8);
        MemosException e = assertThrows(MemosException.class, () -> SnapshotCodec.parseSealed(pretty, k, "s"));
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
    }

    @Test
    void rejects_a_tree_chunk_missing_from_the_index() {
        refusedWhen(b -> ((ArrayNode) b.get("packs").get(0).get("blobs")).remove(1), "not in the index");
    }

    @Test
    void rejects_an_index_chunk_no_file_uses() {
        refusedWhen(b -> ((ArrayNode) b.get("packs").get(0).get("blobs")).addArray().add("ee".repeat(32)).add(260).add(20).add(3),
                "no file uses");
    }

    @Test
    void rejects_a_file_whose_chunks_do_not_add_up_to_its_size() {
        refusedWhen(b -> {
            ((ObjectNode) b.get("tree").get(1)).put("size", 151);
            b.put("total_bytes", 151);
        }, "add up");
    }

    @Test
    void rejects_a_path_that_escapes_or_an_unlisted_parent_or_an_unsorted_tree() {
        refusedWhen(b -> ((ObjectNode) b.get("tree").get(1)).put("path", "d/../../x"), "'..'");
        refusedWhen(b -> ((ObjectNode) b.get("tree").get(1)).put("path", "e/x.md"), "parent folder");
        refusedWhen(b -> ((ObjectNode) b.get("tree").get(1)).put("path", "c"), "sorted");
    }

    @Test
    void rejects_overlapping_blobs_unknown_keys_and_wrong_counts() {
        refusedWhen(b -> ((ArrayNode) b.get("packs").get(0).get("blobs").get(1)).set(1, 100), "offset");
        refusedWhen(b -> ((ArrayNode) b.get("packs").get(0).get("blobs").get(1)).set(2, 70_000_000), "length");
        refusedWhen(b -> b.put("extra", 1), "unknown key");
        refusedWhen(b -> b.put("file_count", 2), "counts");
        refusedWhen(b -> b.put("format", 3), "format");
    }
}
