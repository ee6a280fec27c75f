package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.SnapshotKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The identity archive of FORMAT.md §14.10: frozen vector, every flipped byte refused, wrong key refused, strict paths. */
class HomeArchiveTest {
    static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final Path VECTOR = Path.of("src/test/resources/vectors/identity/home-archive-v1.json");

    static HomeArchive sample() {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("address", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        meta.put("created_at", "2026-12-03T12:00:00Z");
        meta.put("format", HomeArchive.FORMAT);
        ObjectNode id = meta.putArray("identities").addObject();
        id.put("generation", 2);
        id.put("head", "00".repeat(32));
        id.put("id", "CW-ALICE.W99WBX-DF");
        id.put("state", "active");
        id.put("step", 0);
        id.put("tier", 1);
        meta.put("version", 1);
        Map<String, byte[]> files = new TreeMap<>();
        files.put("device.key", new byte[32]);
        files.put("identities/CW-ALICE.W99WBX-DF/identity.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("tokens/pins.json", "{\"pins\":{},\"v\":1}".getBytes(StandardCharsets.UTF_8));
        return new HomeArchive(meta, files);
    }

    static SnapshotKeys keys() {
        return SnapshotKeys.derive(EthPrivateKey.parse(KEY));
    }

    @Test
    void frozen_vector_reproduces_byte_for_byte_and_opens() throws Exception {
        byte[] nonce = Hex.decode("000102030405060708090a0b");
        try (SnapshotKeys k = keys()) {
            byte[] sealed = sample().seal(k.identitiesKey(), nonce);
            String dir = System.getProperty("memos.vectors.write");
            if (dir != null) {
                ObjectNode v = Json.mapper().createObjectNode();
                v.put("eth_private_key", KEY);
                v.put("k_identities", Hex.encode(k.identitiesKey().reveal()));
                v.put("nonce", Hex.encode(nonce));
                v.put("plaintext", Hex.encode(sample().encode()));
                v.put("sealed", Hex.encode(sealed));
                Files.writeString(Path.of(dir).resolve("home-archive-v1.json"),
                        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(v) + "\n");
            }
            JsonNode v = Json.mapper().readTree(Files.readAllBytes(VECTOR));
            assertEquals(v.path("k_identities").asText(), Hex.encode(k.identitiesKey().reveal()));
            assertEquals(v.path("plaintext").asText(), Hex.encode(sample().encode()));
            assertEquals(v.path("sealed").asText(), Hex.encode(sealed));
            HomeArchive back = HomeArchive.open(Hex.decode(v.path("sealed").asText()), k.identitiesKey());
            assertEquals(sample().meta(), back.meta());
            assertArrayEquals(new byte[32], back.file("device.key"));
        }
    }

    @Test
    void rejects_every_flipped_byte_of_a_sealed_archive_as_integrity() {
        try (SnapshotKeys k = keys()) {
            byte[] sealed = sample().seal(k.identitiesKey(), new SecureRandom());
            for (int i = 0; i < sealed.length; i++) {
                byte[] bad = sealed.clone();
                bad[i] ^= (byte) (1 << (i % 8));
                MemosException e = assertThrows(MemosException.class, () -> HomeArchive.open(bad, k.identitiesKey()), "byte " + i);
                assertEquals(ErrorKind.INTEGRITY, e.kind(), "byte " + i);
            }
            for (int n = 0; n < sealed.length; n += 7) {
                byte[] cut = java.util.Arrays.copyOf(sealed, n);
                assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> HomeArchive.open(cut, k.identitiesKey())).kind());
            }
        }
    }

    @Test
    void rejects_archive_sealed_under_another_ethereum_key() {
        try (SnapshotKeys k = keys();
             SnapshotKeys other = SnapshotKeys.derive(EthPrivateKey.parse("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"))) {
            byte[] sealed = sample().seal(other.identitiesKey(), new SecureRandom());
            MemosException e = assertThrows(MemosException.class, () -> HomeArchive.open(sealed, k.identitiesKey()));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertTrue(e.getMessage().contains("another Ethereum key"), e.getMessage());
        }
    }

    @Test
    void rejects_unsafe_unsorted_or_trailing_content_even_when_authentic() {
        byte[] good = sample().encode();
        // a path that climbs out of the home
        byte[] escape = new String(good, StandardCharsets.ISO_8859_1).replace("tokens/pins.json", "../../pins.jsonx")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(MemosException.class, () -> HomeArchive.decode(escape));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(MemosException.class, () -> HomeArchive.decode(trailing));
        for (Iterator<String> it = java.util.List.of("..", "a/../b", "/abs", "a//b", ".", "x.tmp-1").iterator(); it.hasNext(); ) {
            String p = it.next();
            assertThrows(MemosException.class, () -> HomeArchive.checkPath(p), p);
        }
        try (SecretBytes ignored = SecretBytes.copyOf(new byte[1])) {
            assertEquals(good.length, HomeArchive.decode(good).encode().length);
        }
    }
}
