package dev.memos.backup.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every frozen original-format vector restores byte for byte, or is refused naming its fault. */
class LegacyVectorTest {
    @TempDir
    Path tmp;

    @Test
    void derives_the_fact_sheet_keys_and_owner_hashes() {
        JsonNode x = LegacyVectors.expected();
        try (EthPrivateKey key = LegacyVectors.key();
             SecretBytes v2 = LegacyKeys.encryptionKey(key, "memos-v2");
             SecretBytes v1 = LegacyKeys.encryptionKey(key, "relay-memory-v1")) {
            assertEquals(x.get("k_memos_v2").asText(), Hex.encode(v2.reveal()));
            assertEquals(x.get("k_relay_memory_v1").asText(), Hex.encode(v1.reveal()));
            assertEquals("9f2b18ee2091cbee5c77b38696def0138000ee075d695f61143700211d32a65f", LegacyKeys.ownerHash(key));
            assertEquals("21daf45fcb32d8326d6783dbb68c3c6854264c53838ba79a9d33ab24a9aca11b", LegacyKeys.legacyOwnerHash(key));
            byte[] sig = EthSigner.of(key).signPersonalMessage(("relay:memory:v1:" + key.address().lowercase())
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals(x.get("legacy_signature").asText(), Hex.encode(sig));
        }
    }

    @Test
    void refuses_an_unknown_kdf_salt_version_by_name() {
        try (EthPrivateKey key = LegacyVectors.key()) {
            MemosException e = assertThrows(MemosException.class, () -> LegacyKeys.encryptionKey(key, "memos-v3"));
            assertTrue(e.getMessage().contains("memos-v3"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2.manifest.json", "v2.uploaded.json", "aad1.manifest.json", "noaad.manifest.json",
            "v2-nosalt.manifest.json"})
    void restores_every_good_vector_byte_for_byte(String manifestFile) throws IOException {
        String name = manifestFile.substring(0, manifestFile.indexOf('.'));
        Path out = tmp.resolve("out");
        try (EthPrivateKey key = LegacyVectors.key()) {
            LegacyRestorer.Result r = LegacyRestorer.builder().key(key).build()
                    .restore(LegacyVectors.bytes(name + ".bundle"), LegacyVectors.manifest(manifestFile), out, false, false);
            JsonNode files = LegacyVectors.expected().get("cases").get(name).get("files");
            assertEquals(files.size(), r.files());
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertEquals(f.getValue().asText(), Hex.encode(Hash.sha256(Files.readAllBytes(out.resolve(f.getKey())))), f.getKey());
            }
        }
    }

    @Test
    void local_and_uploaded_manifest_forms_sign_the_same_bytes() {
        LegacyManifest local = LegacyVectors.manifest("v2.manifest.json");
        LegacyManifest uploaded = LegacyVectors.manifest("v2.uploaded.json");
        assertArrayEquals(local.signedBytes(), uploaded.signedBytes());
        assertEquals(local.sha256(), uploaded.sha256());
        // the Python form escapes the astral character as a lower-case surrogate pair
        assertTrue(new String(local.signedBytes(), StandardCharsets.US_ASCII).contains("caf\\u00e9 \\ud83d\\ude00.md"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"symlink", "dotdot", "count", "rfc8785"})
    void refuses_every_bad_vector_naming_its_fault_and_keeps_the_destination(String name) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("old.md"), "old");
        String want = LegacyVectors.expected().get("cases").get(name).get("error").asText();
        try (EthPrivateKey key = LegacyVectors.key()) {
            MemosException e = assertThrows(MemosException.class, () -> LegacyRestorer.builder().key(key).build()
                    .restore(LegacyVectors.bytes(name + ".bundle"), LegacyVectors.manifest(name + ".manifest.json"), out, true, false));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertTrue(e.getMessage().contains(want), e.getMessage());
        }
        assertEquals("old", Files.readString(out.resolve("old.md")));
        try (var list = Files.list(out)) {
            assertEquals(1, list.count());
        }
        try (var list = Files.list(tmp)) {
            assertEquals(1, list.count(), "no staging folder is left beside the destination");
        }
    }

    @Test
    void recognises_original_manifests_but_not_memos_envelopes() throws IOException {
        assertTrue(LegacyManifest.recognises(dev.memos.encoding.Json.mapper().readTree(LegacyVectors.bytes("v2.manifest.json"))));
        assertFalse(LegacyManifest.recognises(dev.memos.encoding.Json.mapper().readTree("{\"sealed_manifest\":{},\"kdf\":\"hkdf-sha256-direct\"}")));
        assertFalse(LegacyManifest.recognises(dev.memos.encoding.Json.mapper().readTree("[1]")));
    }
}
