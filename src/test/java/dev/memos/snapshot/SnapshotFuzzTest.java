package dev.memos.snapshot;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.fuzz.Fuzz;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packs, snapshot files and the snapshot JSON come from a repository folder or Arweave: outside
 * input. Each parser either returns or throws a one-line MemosException. Seeds: the vectors of
 * src/test/resources/vectors/snapshot (under SnapshotFuzzTestInputs/).
 */
class SnapshotFuzzTest {
    static final SnapshotKeys KEYS = SnapFixtures.keys();

    @FuzzTest(maxDuration = "30s")
    void pack_header_and_trailer_parse_or_fail_cleanly(byte[] pack) {
        Fuzz.cleanly(() -> PackReader.open(KEYS, "00".repeat(32), pack));
        Fuzz.cleanly(() -> PackReader.readIndex(KEYS, Hex.encode(Hash.sha256(pack)), pack));
    }

    @FuzzTest(maxDuration = "30s")
    void pack_blob_opens_or_fails_cleanly(byte[] pack) {
        // The real header of the vector pack with an arbitrary blob: exercises flag, zstd and id checks.
        Fuzz.cleanly(() -> {
            PackReader r = PackReader.open(KEYS, "vector", SnapshotVectorTest.packVector(KEYS).bytes());
            int len = Math.max(0, pack.length);
            r.openBlob(new BlobRef("ab".repeat(32), "vector", 76, len, Math.min(len, 1 << 20)), pack, 0);
        });
    }

    @FuzzTest(maxDuration = "30s")
    void snapshot_file_reads_or_fails_cleanly(byte[] file) {
        Fuzz.cleanly(() -> SnapshotCodec.read(file, null, KEYS));
    }

    @FuzzTest(maxDuration = "30s")
    void sealed_snapshot_json_parses_or_fails_cleanly(byte[] json) {
        Fuzz.cleanly(() -> SnapshotCodec.parseSealed(json, KEYS, "fuzz"));
    }

    @FuzzTest(maxDuration = "30s")
    void snapshot_body_and_index_parse_or_fail_cleanly(byte[] json) {
        // production parses JSON before Snapshot.fromJson sees it (SnapshotCodec.parseSealed); so does this
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (java.io.IOException notJson) {
            return;
        }
        JsonNode body = n != null && n.has("snapshot") ? n.get("snapshot") : n;
        Fuzz.cleanly(() -> Snapshot.fromJson(body));
    }

    @FuzzTest(maxDuration = "30s")
    void cache_file_loads_or_is_ignored(byte[] bytes) throws Exception {
        Path dir = Fuzz.tempDir("fuzz-cache");
        try {
            Path f = dir.resolve("cache.json");
            Files.write(f, bytes);
            // never throws at all: a bad cache is no cache
            MetadataCache.load(f, KEYS, "00".repeat(32)).lookup("x", new MetadataCache.Stat(0, 0, 0, 0));
        } finally {
            Fuzz.deleteTree(dir);
        }
    }

}
