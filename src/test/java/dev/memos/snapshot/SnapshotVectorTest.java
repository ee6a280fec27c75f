package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frozen vectors of FORMAT.md §14 under src/test/resources/vectors/snapshot/ (see its README). Every
 * input is reproducible from the text: the key of the fact sheet, salt 00 01 … 1f, and the byte
 * stream {@code SHA-256(ascii("memos snapshot vector") || u32be(j))} for j = 0, 1, … concatenated.
 * Run with -Dmemos.vectors.write=DIR to regenerate into DIR (only for a new format version).
 */
class SnapshotVectorTest {
    private static final String DIR = "/vectors/snapshot/";

    static byte[] stream(int n) {
        byte[] out = new byte[n];
        for (int j = 0, pos = 0; pos < n; j++) {
            byte[] block = Hash.sha256("memos snapshot vector".getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(4).putInt(j).array());
            System.arraycopy(block, 0, out, pos, Math.min(32, n - pos));
            pos += 32;
        }
        return out;
    }

    static byte[] salt() {
        byte[] s = new byte[32];
        for (int i = 0; i < 32; i++) {
            s[i] = (byte) i;
        }
        return s;
    }

    static String hex(SecretBytes s) {
        return Hex.encode(s.reveal());
    }

    static ObjectNode keysVector(SnapshotKeys k) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("private_key", SnapFixtures.KEY_HEX);
        n.put("address", k.address());
        n.put("k_root", hex(k.rootKey()));
        n.put("k_chunk_id", hex(k.chunkIdKey()));
        n.put("k_gear_seed", hex(k.gearSeed()));
        n.put("k_pack", hex(k.packKey()));
        n.put("k_snapshot_mac", hex(k.snapshotMacKey()));
        n.put("k_snapshot_enc", hex(k.snapshotEncKey()));
        long[] g = k.gearTable();
        n.put("gear_0", String.format("%016x", g[0]));
        n.put("gear_1", String.format("%016x", g[1]));
        n.put("gear_255", String.format("%016x", g[255]));
        n.put("object_salt", Hex.encode(salt()));
        n.put("pack_k_hdr", hex(SnapshotKeys.perObject(k.packKey(), salt(), "header-mac")));
        n.put("pack_k_obj", hex(SnapshotKeys.perObject(k.packKey(), salt(), "payload")));
        return n;
    }

    /** Chunk lengths and ids of stream(300000) with 1024/4096/16384 and of stream(3 MiB) with the defaults. */
    static ObjectNode chunksVector(SnapshotKeys k) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        for (Object[] c : new Object[][] {{"small", new ChunkerParams(1024, 4096, 16384), 300_000}, {"default", ChunkerParams.DEFAULT, 3 << 20}}) {
            ChunkerParams p = (ChunkerParams) c[1];
            ObjectNode o = n.putObject((String) c[0]);
            o.put("min", p.min()).put("avg", p.avg()).put("max", p.max()).put("input_length", (int) c[2]);
            ArrayNode lens = o.putArray("lengths");
            ArrayNode ids = o.putArray("ids");
            HmacSha256.Keyed mac = HmacSha256.keyed(k.chunkIdKey());
            new Chunker(k.gearTable(), p).split(new ByteArrayInputStream(stream((int) c[2])), (b, off, len) -> {
                lens.add(len);
                ids.add(Hex.encode(mac.mac(b, off, len)));
            });
        }
        return n;
    }

    /** Two stored (incompressible) chunks: the first 3000 and next 5000 bytes of stream(8000). */
    static PackWriter.Pack packVector(SnapshotKeys k) {
        byte[] data = stream(8000);
        HmacSha256.Keyed mac = HmacSha256.keyed(k.chunkIdKey());
        PackWriter w = new PackWriter(k, salt());
        w.add(mac.mac(data, 0, 3000), data, 0, 3000);
        w.add(mac.mac(data, 3000, 5000), data, 3000, 5000);
        return w.finish();
    }

    static Snapshot snapshotVector(SnapshotKeys k, PackWriter.Pack pack) {
        Map<String, BlobRef> idx = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (BlobRef r : pack.blobs()) {
            idx.put(r.chunkId(), r);
            ids.add(r.chunkId());
        }
        return Snapshot.create(k.address(), 1, null, "2026-01-02T03:04:05Z", ChunkerParams.DEFAULT,
                List.of(TreeEntry.dir("memory", 0700, 1767322800), TreeEntry.file("memory/a.bin", 8000, 0600, 1767322845, ids),
                        TreeEntry.file("memory/empty", 0, 0644, 1767322800, List.of())), idx);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotVectorTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("missing vector " + name);
            }
            return in.readAllBytes();
        }
    }

    static byte[] hexResource(String name) throws IOException {
        return Hex.decode(new String(resource(name), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
    }

    static JsonNode json(String name) throws IOException {
        return Json.mapper().readTree(resource(name));
    }

    @Test
    void regenerate_when_asked() throws IOException {
        String dir = System.getProperty("memos.vectors.write");
        if (dir == null) {
            return;
        }
        SnapshotKeys k = SnapFixtures.keys();
        Path d = Files.createDirectories(Path.of(dir));
        Files.writeString(d.resolve("keys.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(keysVector(k)) + "\n");
        Files.writeString(d.resolve("chunks.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(chunksVector(k)) + "\n");
        PackWriter.Pack p = packVector(k);
        Files.writeString(d.resolve("pack.hex"), wrap(Hex.encode(p.bytes())));
        Snapshot s = snapshotVector(k, p);
        Files.write(d.resolve("snapshot-sealed.json"), SnapshotCodec.sealedPayload(s, k, SnapFixtures.signer()));
        Files.writeString(d.resolve("snapshot-stored.hex"), wrap(Hex.encode(SnapshotCodec.write(s, k, SnapFixtures.signer(), salt(), false).bytes())));
    }

    static String wrap(String hex) {
        return hex.replaceAll("(.{128})", "$1\n") + "\n";
    }

    @Test
    void keys_match_the_frozen_vector() throws IOException {
        assertEquals(json("keys.json"), keysVector(SnapFixtures.keys()));
        assertEquals("3074572cc3f801f4a6f980c27ea0d44570ad2bf56d71ed629e852a5368cc26e8", json("keys.json").get("k_root").asText());
    }

    @Test
    void chunk_boundaries_and_ids_match_the_frozen_vector() throws IOException {
        assertEquals(json("chunks.json"), chunksVector(SnapFixtures.keys()));
    }

    @Test
    void the_pack_is_reproduced_byte_for_byte_and_reads_back() throws IOException {
        SnapshotKeys k = SnapFixtures.keys();
        byte[] frozen = hexResource("pack.hex");
        assertArrayEquals(frozen, packVector(k).bytes());
        List<BlobRef> refs = PackReader.readIndex(k, Hex.encode(Hash.sha256(frozen)), frozen);
        assertEquals(2, refs.size());
        assertArrayEquals(java.util.Arrays.copyOf(stream(8000), 3000),
                PackReader.open(k, refs.get(0).packId(), frozen).openBlob(refs.get(0), frozen, (int) refs.get(0).offset()));
    }

    @Test
    void the_snapshot_is_reproduced_byte_for_byte_and_verifies() throws IOException {
        SnapshotKeys k = SnapFixtures.keys();
        Snapshot s = snapshotVector(k, packVector(k));
        byte[] sealed = resource("snapshot-sealed.json");
        assertArrayEquals(sealed, SnapshotCodec.sealedPayload(s, k, SnapFixtures.signer()));
        assertEquals(s, SnapshotCodec.parseSealed(sealed, k, "vector"));
        byte[] file = hexResource("snapshot-stored.hex");
        assertArrayEquals(file, SnapshotCodec.write(s, k, SnapFixtures.signer(), salt(), false).bytes());
        assertEquals(s, SnapshotCodec.read(file, Hex.encode(Hash.sha256(file)), k));
        assertEquals(CanonicalJson.string(Json.mapper().readTree(sealed)), new String(sealed, StandardCharsets.UTF_8));
    }
}
