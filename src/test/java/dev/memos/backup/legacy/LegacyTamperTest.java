package dev.memos.backup.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.RollbackIndex;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hash;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each single change to a good original-format backup is caught, by the check that owns it. */
class LegacyTamperTest {
    private static final String WRONG_KEY = "0x" + "11".repeat(32);

    @TempDir
    Path tmp;

    private MemosException refused(byte[] bundle, LegacyManifest m, EthPrivateKey key) {
        return assertThrows(MemosException.class,
                () -> LegacyRestorer.builder().key(key).build().restore(bundle, m, tmp.resolve("out"), false, false));
    }

    private static LegacyManifest edited(Consumer<ObjectNode> edit, boolean resign) {
        ObjectNode n = (ObjectNode) LegacyVectors.manifest("v2.manifest.json").json().deepCopy();
        edit.accept(n);
        LegacyManifest m = LegacyManifest.parse(n);
        if (resign) {
            try (EthPrivateKey key = LegacyVectors.key(); SecretBytes k = LegacyKeys.encryptionKey(key, "memos-v2")) {
                n.put("manifest_signature", Hex.encode(HmacSha256.mac(k, m.signedBytes())));
            }
        }
        return LegacyManifest.parse(n);
    }

    @Test
    void rejects_a_flipped_byte_in_the_bundle_by_its_sha256() {
        byte[] b = LegacyVectors.bytes("v2.bundle");
        b[b.length / 2] ^= 1;
        try (EthPrivateKey key = LegacyVectors.key()) {
            MemosException e = refused(b, LegacyVectors.manifest("v2.manifest.json"), key);
            assertTrue(e.getMessage().contains("bundle_sha256"), e.getMessage());
        }
    }

    @Test
    void rejects_a_flipped_ciphertext_byte_even_when_the_manifest_is_resigned_over_it() {
        byte[] b = LegacyVectors.bytes("v2.bundle");
        b[20] ^= 1;
        LegacyManifest m = edited(n -> n.put("bundle_sha256", Hex.encode(Hash.sha256(b))), true);
        try (EthPrivateKey key = LegacyVectors.key()) {
            assertTrue(refused(b, m, key).getMessage().contains("does not decrypt"));
        }
    }

    @Test
    void rejects_a_changed_manifest_field_by_its_hmac() {
        LegacyManifest m = edited(n -> n.put("sequence", 99), false);
        try (EthPrivateKey key = LegacyVectors.key()) {
            MemosException e = refused(LegacyVectors.bytes("v2.bundle"), m, key);
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertTrue(e.getMessage().contains("manifest_signature"), e.getMessage());
        }
    }

    @Test
    void rejects_a_changed_created_at_by_the_aad_hash() {
        LegacyManifest m = edited(n -> n.put("created_at", 1700000001), true);
        try (EthPrivateKey key = LegacyVectors.key()) {
            assertTrue(refused(LegacyVectors.bytes("v2.bundle"), m, key).getMessage().contains("aad_sha256"));
        }
    }

    @Test
    void rejects_a_changed_created_at_with_matching_aad_hash_by_the_aead() {
        byte[] aad = ("{\"eth_address\":\"0x2c7536e3605d9c16a7a3d7b1898e529396a65c23\",\"timestamp\":1700000001,\"version\":2}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        LegacyManifest m = edited(n -> n.put("created_at", 1700000001).put("aad_sha256", Hex.encode(Hash.sha256(aad))), true);
        try (EthPrivateKey key = LegacyVectors.key()) {
            assertTrue(refused(LegacyVectors.bytes("v2.bundle"), m, key).getMessage().contains("does not decrypt"));
        }
    }

    @Test
    void rejects_a_v2_manifest_without_signature() {
        LegacyManifest m = edited(n -> n.remove("manifest_signature"), false);
        try (EthPrivateKey key = LegacyVectors.key()) {
            assertTrue(refused(LegacyVectors.bytes("v2.bundle"), m, key).getMessage().contains("no manifest_signature"));
        }
    }

    @Test
    void rejects_the_wrong_key_as_auth_naming_the_backup_address() {
        try (EthPrivateKey key = EthPrivateKey.parse(WRONG_KEY)) {
            MemosException e = refused(LegacyVectors.bytes("v2.bundle"), LegacyVectors.manifest("v2.manifest.json"), key);
            assertEquals(ErrorKind.AUTH, e.kind());
            assertTrue(e.getMessage().contains("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"), e.getMessage());
        }
    }

    @Test
    void rejects_a_rollback_below_the_index_and_records_the_sequence_after_a_restore() throws Exception {
        RollbackIndex index = RollbackIndex.at(tmp.resolve("index.json"));
        try (EthPrivateKey key = LegacyVectors.key()) {
            LegacyRestorer r = LegacyRestorer.builder().key(key).rollbackIndex(index).build();
            r.restore(LegacyVectors.bytes("v2.bundle"), LegacyVectors.manifest("v2.uploaded.json"), tmp.resolve("a"), false, false);
            assertEquals(3, index.latest(key.address().checksummed()).orElseThrow().sequence());
            // the same backup again (in its other serialisation) is no fork
            r.restore(LegacyVectors.bytes("v2.bundle"), LegacyVectors.manifest("v2.manifest.json"), tmp.resolve("b"), false, false);
            MemosException e = assertThrows(MemosException.class, () -> r.restore(LegacyVectors.bytes("aad1.bundle"),
                    LegacyVectors.manifest("aad1.manifest.json"), tmp.resolve("c"), false, false));
            assertTrue(e.getMessage().startsWith("rollback"), e.getMessage());
            assertTrue(Files.notExists(tmp.resolve("c")));
        }
    }
}
