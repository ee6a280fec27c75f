package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataItemTest {
    static final JsonNode V = Vectors.reference();
    static final EthSigner SIGNER = EthSigner.of(EthPrivateKey.parse(V.get("eth_private_key_hex").asText()));

    @TempDir
    Path dir;

    @Test
    void signer_address_matches_reference() {
        assertEquals(V.get("eth_address").asText(), SIGNER.address().checksummed());
    }

    @Test
    void reproduces_arbundles_items_byte_for_byte() {
        for (JsonNode v : V.get("data_items")) {
            List<Tag> tags = new ArrayList<>();
            v.get("tags").forEach(t -> tags.add(new Tag(t.get("name").asText(), t.get("value").asText())));
            byte[] anchor = v.get("anchor").isNull() ? new byte[0] : Base64Url.decode(v.get("anchor").asText());
            byte[] target = v.get("target").isNull() ? new byte[0] : Base64Url.decode(v.get("target").asText());
            byte[] raw = DataItem.create(SIGNER, target, tags, anchor, Base64Url.decode(v.get("data").asText()));
            assertEquals(v.get("raw").asText(), Base64Url.encode(raw), v.get("name").asText());
            DataItem parsed = DataItemVerifier.verify(raw);
            assertEquals(v.get("id").asText(), parsed.id());
            assertEquals(v.get("signature").asText(), Base64Url.encode(parsed.signature()));
            byte[] data = Base64Url.decode(v.get("data").asText());
            assertEquals(v.get("signature_data_sha384").asText(),
                    Hex.encode(parsed.signatureData(new DeepHash.Blob(data.length, DeepHash.sha384(data)))));
            assertEquals(tags, parsed.tags());
        }
    }

    @Test
    void reproduces_arbundles_bundle() throws Exception {
        byte[] anchor = Base64Url.decode(V.get("data_items").get(0).get("anchor").asText());
        List<Tag> tags = List.of(new Tag("App-Name", "MEMOS"), new Tag("Content-Type", "application/octet-stream"));
        byte[] one = DataItem.create(SIGNER, List.of(), anchor, "one".getBytes(StandardCharsets.UTF_8));
        byte[] two = DataItem.create(SIGNER, tags, anchor, "two".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("1"), one);
        Files.write(dir.resolve("2"), two);
        Path bundle = dir.resolve("bundle");
        BundleWriter.write(List.of(new BundleWriter.Entry(dir.resolve("1"), DataItemVerifier.verify(one).id()),
                new BundleWriter.Entry(dir.resolve("2"), DataItemVerifier.verify(two).id())), bundle);
        assertEquals(V.get("bundle").get("raw").asText(), Base64Url.encode(Files.readAllBytes(bundle)));
    }

    @Test
    void single_item_bundle_written_from_file_equals_bundle_of_item_file() throws Exception {
        Path data = dir.resolve("d");
        Files.write(data, Vectors.det(10_000, "single"));
        DataItem item = DataItem.signFile(SIGNER, List.of(new Tag("k", "v")), data);
        Path itemFile = dir.resolve("item");
        try (var o = Files.newOutputStream(itemFile)) {
            item.writeTo(o, data);
        }
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        BundleWriter.write(List.of(new BundleWriter.Entry(itemFile, item.id())), a);
        BundleWriter.writeSingle(item, data, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(Files.size(itemFile), item.totalLength());
    }

    @Test
    void streamed_item_verifies_and_carries_the_file() throws Exception {
        Path data = dir.resolve("data");
        Files.write(data, Vectors.det(700_000, "stream"));
        Path item = dir.resolve("item");
        DataItem signed = DataItem.write(SIGNER, List.of(new Tag("App-Name", "MEMOS")), data, item);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataItem back;
        try (var in = Files.newInputStream(item)) {
            back = DataItemVerifier.verify(in, Files.size(item), (b, n) -> out.write(b, 0, n));
        }
        assertEquals(signed.id(), back.id());
        assertArrayEquals(Files.readAllBytes(data), out.toByteArray());
    }

    @Test
    void equal_content_gets_distinct_ids_through_random_anchor() throws Exception {
        Path data = dir.resolve("same");
        Files.writeString(data, "same content");
        DataItem a = DataItem.write(SIGNER, List.of(), data, dir.resolve("a"));
        DataItem b = DataItem.write(SIGNER, List.of(), data, dir.resolve("b"));
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void rejects_flipped_data_byte() {
        byte[] raw = DataItem.create(SIGNER, List.of(), DataItem.randomAnchor(), new byte[] {1, 2, 3});
        raw[raw.length - 1] ^= 1;
        assertIntegrity(raw);
    }

    @Test
    void rejects_substituted_owner() {
        byte[] raw = DataItem.create(SIGNER, List.of(), DataItem.randomAnchor(), new byte[] {1});
        byte[] other = EthSigner.of(EthPrivateKey.parse("22".repeat(32))).publicKey();
        System.arraycopy(other, 0, raw, 2 + 65, 65);
        assertIntegrity(raw);
    }

    @Test
    void rejects_truncated_header() {
        byte[] raw = DataItem.create(SIGNER, List.of(new Tag("a", "b")), DataItem.randomAnchor(), new byte[0]);
        assertIntegrity(java.util.Arrays.copyOf(raw, 100));
    }

    @Test
    void rejects_bad_presence_byte() {
        byte[] raw = DataItem.create(SIGNER, List.of(), DataItem.randomAnchor(), new byte[] {5});
        raw[2 + 65 + 65] = 2;
        assertIntegrity(raw);
    }

    @Test
    void rejects_tag_count_mismatch() {
        byte[] raw = DataItem.create(SIGNER, List.of(new Tag("a", "b")), new byte[0], new byte[] {5});
        raw[2 + 65 + 65 + 2] = 2;
        assertIntegrity(raw);
    }

    @Test
    void rejects_other_signature_types() {
        byte[] raw = DataItem.create(SIGNER, List.of(), new byte[0], new byte[] {5});
        raw[0] = 1;
        assertIntegrity(raw);
    }

    private static void assertIntegrity(byte[] raw) {
        MemosException e = assertThrows(MemosException.class, () -> DataItemVerifier.verify(raw));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }
}
