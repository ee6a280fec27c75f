package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frozen vectors of FORMAT.md §2–4 under src/test/resources/vectors/bundle/. The uncompressed bundle
 * is reproduced byte for byte; the gzip and zstd bundles (whose bytes depend on the compressor
 * build) must keep restoring to the same tree. Run with -Dmemos.vectors.write=DIR to regenerate
 * into DIR (only when adding a new format version: existing vectors never change); the regeneration
 * runs in every build too, into a temp folder, and must reproduce the frozen files.
 */
class BundleVectorTest {
    private static final String DIR = "/vectors/bundle/";

    @TempDir
    Path tmp;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BundleVectorTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("missing vector " + name);
            }
            return in.readAllBytes();
        }
    }

    static byte[] hexResource(String name) throws IOException {
        return Hex.decode(new String(resource(name), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
    }

    static ObjectNode keyVector() {
        try (EthPrivateKey key = Fixtures.key(); BundleKeys keys = BundleKeys.derive(key)) {
            byte[] salt = new byte[32];
            Fixtures.countingRandom().nextBytes(salt);
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("private_key", Fixtures.KEY_HEX);
            n.put("address", keys.address());
            n.put("k_enc", Hex.encode(keys.encryptionKey().reveal()));
            n.put("k_mac", Hex.encode(keys.macKey().reveal()));
            n.put("bundle_salt", Hex.encode(salt));
            n.put("k_hdr", Hex.encode(keys.headerKey(salt).reveal()));
            n.put("k_pay", Hex.encode(keys.payloadKey(salt).reveal()));
            return n;
        }
    }

    private PackResult packVector(Compression c) throws IOException {
        Path in = Fixtures.smallTree(tmp.resolve("tree-" + c));
        return Fixtures.packer(tmp.resolve("home-" + c)).compression(c).random(Fixtures.countingRandom()).build()
                .pack(in, tmp.resolve("vector-" + c + ".memos"));
    }

    /** The small tree plus a 10,000-byte file, in 4 KiB chunks: pins the counter and the last-chunk flag. */
    private PackResult packMultiChunkVector() throws IOException {
        Path in = Fixtures.smallTree(tmp.resolve("tree-multi"));
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        Files.write(in.resolve("notes/data.bin"), data);
        Fixtures.meta(in.resolve("notes/data.bin"), 0644, 1_700_000_500L);
        Fixtures.meta(in.resolve("notes"), 0755, 1_700_000_300L);
        return Fixtures.packer(tmp.resolve("home-multi")).compression(Compression.NONE).chunkLog2(12)
                .random(Fixtures.countingRandom()).build().pack(in, tmp.resolve("vector-multi.memos"));
    }

    @Test
    void multi_chunk_bundle_is_reproduced_byte_for_byte() throws IOException {
        PackResult r = packMultiChunkVector();
        assertEquals(Hex.encode(hexResource("bundle-none-4k.hex")), Hex.encode(Files.readAllBytes(r.bundle())));
        assertArrayEquals(resource("manifest-none-4k.json"), r.manifestBytes());
        assertEquals(5, BundleHeader.read(r.bundle()).layout(r.bundleSize()).chunks());
    }

    @Test
    void key_derivation_matches_vector() throws IOException {
        JsonNode expected = Json.mapper().readTree(resource("keys.json"));
        assertEquals(expected, keyVector());
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", expected.get("address").asText());
    }

    @Test
    void uncompressed_bundle_is_reproduced_byte_for_byte() throws IOException {
        PackResult r = packVector(Compression.NONE);
        assertEquals(Hex.encode(hexResource("bundle-none.hex")), Hex.encode(Files.readAllBytes(r.bundle())));
        assertArrayEquals(resource("manifest-none.json"), r.manifestBytes());
        assertArrayEquals(resource("sealed-none.json"), r.envelope().sealed().canonicalBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "zstd"})
    void frozen_bundle_restores_to_the_vector_tree(String kind) throws IOException {
        Path bundle = tmp.resolve("frozen-" + kind + ".memos");
        Files.write(bundle, hexResource("bundle-" + kind + ".hex"));
        ManifestEnvelope env = ManifestEnvelope.parse(resource("manifest-" + kind + ".json"));
        Path out = Fixtures.restorer(tmp.resolve("home")).restore(bundle, java.util.Optional.of(env), tmp.resolve("out"), false, false)
                .destination();
        assertEquals(Fixtures.describe(Fixtures.smallTree(tmp.resolve("expected"))), Fixtures.describe(out));
    }

    /**
     * Regenerates every vector (into the folder named by -Dmemos.vectors.write, or a temp folder) and
     * compares it with the frozen file: byte for byte where the bytes are ours; for the gzip and zstd
     * bundles, whose bytes depend on the compressor build, the sealed manifest (inventory, archive
     * hash, sequence) must be the frozen one.
     */
    @Test
    void regenerated_vectors_match_the_frozen_files() throws IOException {
        String target = System.getProperty("memos.vectors.write");
        Path dir = target == null || target.isBlank() ? tmp.resolve("regenerated") : Path.of(target);
        List<String> written = writeVectors(dir);
        assertEquals(11, written.size(), written.toString());
        for (String name : written) {
            byte[] fresh = Files.readAllBytes(dir.resolve(name));
            if (name.contains("gzip") || name.contains("zstd")) {
                if (name.startsWith("manifest-")) {
                    assertEquals(ManifestEnvelope.parse(resource(name)).manifest(), ManifestEnvelope.parse(fresh).manifest(), name);
                }
            } else {
                assertEquals(new String(resource(name), StandardCharsets.UTF_8), new String(fresh, StandardCharsets.UTF_8), name);
            }
        }
    }

    /** Writes every vector file into {@code dir}; returns their names. */
    private List<String> writeVectors(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> names = new ArrayList<>();
        write(dir, "keys.json", (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(keyVector()) + "\n")
                .getBytes(StandardCharsets.UTF_8), names);
        PackResult multi = packMultiChunkVector();
        write(dir, "bundle-none-4k.hex", wrap(Hex.encode(Files.readAllBytes(multi.bundle()))).getBytes(StandardCharsets.US_ASCII), names);
        write(dir, "manifest-none-4k.json", multi.manifestBytes(), names);
        for (Compression c : Compression.values()) {
            PackResult r = packVector(c);
            write(dir, "bundle-" + c + ".hex", wrap(Hex.encode(Files.readAllBytes(r.bundle()))).getBytes(StandardCharsets.US_ASCII), names);
            write(dir, "manifest-" + c + ".json", r.manifestBytes(), names);
            if (c == Compression.NONE) {
                write(dir, "sealed-none.json", r.envelope().sealed().canonicalBytes(), names);
                write(dir, "manifest-body-none.json", CanonicalJson.bytes(r.manifest().toJson()), names);
            }
        }
        return names;
    }

    private static void write(Path dir, String name, byte[] bytes, List<String> names) throws IOException {
        Files.write(dir.resolve(name), bytes);
        names.add(name);
    }

    private static String wrap(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            b.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        return b.toString();
    }
}
