package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path tmp;

    private static Manifest sample(String address) {
        return new Manifest(address, 3, Fixtures.CLOCK.instant(), null, Compression.ZSTD, 65536, "00".repeat(32),
                "11".repeat(32), 10, List.of(FileEntry.file("a.txt", 5, "22".repeat(32), 0644, 1), FileEntry.dir("d", 0755, 2)));
    }

    private static MemosException integrity(Runnable r) {
        MemosException e = assertThrows(MemosException.class, r::run);
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void canonical_bytes_round_trip_and_hash_is_stable() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            Manifest m = sample(keys.address());
            SealedManifest s = SealedManifest.seal(m, keys, EthSigner.of(Fixtures.key()));
            SealedManifest back = SealedManifest.parse(s.canonicalBytes()).verifyMac(keys);
            assertEquals(m, back.manifest());
            assertEquals(m.sha256(), back.manifest().sha256());
            assertEquals(1, m.fileCount());
            assertEquals(1, m.dirCount());
        }
    }

    @Test
    void rejects_unknown_manifest_key() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ObjectNode body = sample(keys.address()).toJson();
            body.put("extra", 1);
            integrity(() -> Manifest.fromJson(body));
        }
    }

    @Test
    void rejects_counts_that_disagree_with_inventory() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ObjectNode body = sample(keys.address()).toJson();
            body.put("total_bytes", 999);
            integrity(() -> Manifest.fromJson(body));
        }
    }

    @Test
    void rejects_setuid_mode_and_unsafe_path_in_inventory() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ObjectNode body = sample(keys.address()).toJson();
            ((ObjectNode) body.get("files").get(0)).put("mode", 04755);
            integrity(() -> Manifest.fromJson(body));
            ObjectNode body2 = sample(keys.address()).toJson();
            ((ObjectNode) body2.get("files").get(0)).put("path", "../a.txt");
            integrity(() -> Manifest.fromJson(body2));
        }
    }

    @Test
    void rejects_duplicate_json_keys() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            String s = new String(SealedManifest.seal(sample(keys.address()), keys, EthSigner.of(Fixtures.key())).canonicalBytes(),
                    StandardCharsets.UTF_8);
            String dup = s.replaceFirst("\\{\"hmac\"", "{\"hmac\":\"00\",\"hmac\"");
            integrity(() -> SealedManifest.parse(dup.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void rejects_signature_by_another_key() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key()); EthPrivateKey other = Fixtures.otherKey()) {
            Manifest m = sample(keys.address());
            ObjectNode sealed = SealedManifest.seal(m, keys, EthSigner.of(Fixtures.key())).toJson();
            byte[] forged = EthSigner.of(other).signPersonalMessage(SealedManifest.signMessage(SealedManifest.SIGN_PREFIX, m.sha256()));
            sealed.put("signature", "0x" + Hex.encode(forged));
            MemosException e = integrity(() -> SealedManifest.parse(CanonicalJson.bytes(sealed)));
            assertTrue(e.getMessage().contains("signature"), e.getMessage());
        }
    }

    @Test
    void rejects_hmac_under_another_key() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key()); BundleKeys otherKeys = BundleKeys.derive(Fixtures.otherKey())) {
            Manifest m = sample(keys.address());
            ObjectNode sealed = SealedManifest.seal(m, keys, EthSigner.of(Fixtures.key())).toJson();
            sealed.put("hmac", Hex.encode(otherKeys.manifestMac(SealedManifest.MAC_LABEL, m.canonicalBytes())));
            integrity(() -> SealedManifest.parse(CanonicalJson.bytes(sealed)).verifyMac(keys));
        }
    }

    @Test
    void rejects_a_pretty_printed_sealed_manifest_whose_content_is_valid() throws Exception {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            byte[] canonical = SealedManifest.seal(sample(keys.address()), keys, EthSigner.of(Fixtures.key())).canonicalBytes();
            byte[] pretty = dev.memos.encoding.Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(dev.memos.encoding.Json.mapper().readTree(canonical));
            MemosException e = integrity(() -> SealedManifest.parse(pretty));
            assertTrue(e.getMessage().contains("canonical"), e.getMessage());
        }
    }

    @Test
    void names_a_lower_case_address_rather_than_a_hash_mismatch() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ObjectNode body = sample(keys.address()).toJson();
            body.put("address", keys.address().toLowerCase(java.util.Locale.ROOT));
            MemosException e = integrity(() -> Manifest.fromJson(body));
            assertTrue(e.getMessage().contains("EIP-55"), e.getMessage());
        }
    }

    @Test
    void names_an_unsorted_inventory_rather_than_a_hash_mismatch() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            ObjectNode body = sample(keys.address()).toJson();
            com.fasterxml.jackson.databind.node.ArrayNode files = (com.fasterxml.jackson.databind.node.ArrayNode) body.get("files");
            files.insert(0, files.remove(1));
            MemosException e = integrity(() -> Manifest.fromJson(body));
            assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
        }
    }

    @Test
    void manifest_signature_checks_without_the_key() {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            byte[] bytes = SealedManifest.seal(sample(keys.address()), keys, EthSigner.of(Fixtures.key())).canonicalBytes();
            assertEquals(keys.address(), SealedManifest.parse(bytes).manifest().address());
        }
    }

    @Test
    void public_bytes_reveal_no_address_time_sequence_or_names() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("in"));
        PackResult r = Fixtures.packer(tmp.resolve("home")).compression(Compression.NONE).build().pack(in, tmp.resolve("b.memos"));
        String raw = new String(Files.readAllBytes(r.bundle()), StandardCharsets.ISO_8859_1);
        String address = r.manifest().address();
        for (String secret : List.of("hello.txt", "notes", "hello, memory", address.substring(2), address.substring(2).toLowerCase(),
                "2026-01-02")) {
            assertFalse(raw.contains(secret), "bundle shows " + secret + " in clear");
        }
        assertFalse(raw.contains(new String(Hex.decode(address.substring(2)), StandardCharsets.ISO_8859_1)));
    }

    @Test
    void rejects_invalid_ethereum_keys_with_a_clear_error() {
        for (String bad : List.of("00".repeat(32), "ff".repeat(32), "abc", "zz".repeat(32))) {
            MemosException e = assertThrows(MemosException.class, () -> EthPrivateKey.parse(bad));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertFalse(e.getMessage().contains(bad));
        }
    }
}
