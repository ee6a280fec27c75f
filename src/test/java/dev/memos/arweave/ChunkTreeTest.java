package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkTreeTest {
    @TempDir
    Path dir;

    @Test
    void matches_reference_roots_ranges_and_proofs() throws Exception {
        for (JsonNode v : Vectors.reference().get("merkle")) {
            int size = v.get("size").asInt();
            byte[] data = Vectors.det(size, v.get("seed").asText());
            Path file = dir.resolve("d" + size);
            Files.write(file, data);
            for (ChunkTree tree : List.of(ChunkTree.of(data), ChunkTree.of(file))) {
                assertEquals(v.get("data_root").asText(), Base64Url.encode(tree.dataRoot()), "root of " + size);
                List<ChunkTree.Chunk> chunks = tree.uploadChunks();
                assertEquals(v.get("chunks").size(), chunks.size(), "chunks of " + size);
                for (int i = 0; i < chunks.size(); i++) {
                    assertEquals(v.get("chunks").get(i).get(0).asLong(), chunks.get(i).min());
                    assertEquals(v.get("chunks").get(i).get(1).asLong(), chunks.get(i).max());
                    JsonNode p = v.get("proofs").get(i);
                    byte[] proof = tree.proof(i);
                    assertEquals(p.get("length").asInt(), proof.length);
                    assertEquals(p.get("sha256").asText(), Hex.encode(Hash.sha256(proof)));
                    assertEquals(p.get("offset").asLong(), chunks.get(i).max() - 1);
                }
            }
        }
    }

    @Test
    void rebalances_last_two_chunks_when_remainder_is_small() {
        List<long[]> r = ChunkTree.ranges(262144 + 100);
        assertEquals(2, r.size());
        assertArrayEquals(new long[] {0, 131122}, r.get(0));
        assertArrayEquals(new long[] {131122, 262244}, r.get(1));
    }

    @Test
    void whole_number_of_chunks_ends_with_zero_length_leaf() {
        List<long[]> r = ChunkTree.ranges(2 * 262144);
        assertEquals(3, r.size());
        assertEquals(r.get(2)[0], r.get(2)[1]);
    }

    @Test
    void arweave_js_v2_fixture_data_root() {
        byte[] data = Vectors.gz("arweave-js-unsigned_v2_tx.data.gz");
        JsonNode signed = Vectors.json("arweave-js-signed_v2_tx.json");
        assertEquals(signed.get("data_size").asLong(), data.length);
        assertEquals(signed.get("data_root").asText(), Base64Url.encode(ChunkTree.of(data).dataRoot()));
    }
}
