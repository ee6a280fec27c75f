package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * FORMAT.md §13: the inception record, its strict parser and the earliest-wins choice, against the frozen
 * vector {@code vectors/identity/inception-v1.json} (rebuilt byte for byte; {@code -Dmemos.writeVectors=true} writes it).
 */
class InceptionRecordTest {
    static final String ID = "CW-NOVA.R7KMX2-AA";
    static final String OTHER_ID = "CW-APEX.K4PQ9Z-" + checksum("APEX.K4PQ9Z");
    static final long CREATED = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final Path FILE = Path.of("src/test/resources/vectors/identity/inception-v1.json");

    static String checksum(String body) {
        return String.format("%02X", Crc8.of(body.getBytes(StandardCharsets.US_ASCII)));
    }

    static Ed25519 key(String label) throws Exception {
        return Ed25519.fromSeed(SecretBytes.adopt(MessageDigest.getInstance("SHA-256")
                .digest(("memos-inception-vector:" + label).getBytes(StandardCharsets.UTF_8))));
    }

    static byte[] tamperedSignature(InceptionRecord r) {
        byte[] sig = r.signature();
        sig[0] ^= 1;
        return new InceptionRecord(r.id(), r.algorithm(), r.publicKey(), r.created(), sig).toBytes();
    }

    /** The vector, computed: the genuine record, and a candidate list whose winner is the genuine one. */
    static ObjectNode build() throws Exception {
        Ed25519 genuine = key("genuine");
        Ed25519 forger = key("forger");
        InceptionRecord r = InceptionRecord.sign(MociId.parse(ID), genuine, CREATED);
        ObjectNode v = Json.mapper().createObjectNode();
        v.put("keySeedLabel", "memos-inception-vector:genuine");
        v.put("id", ID);
        v.put("publicKey", Base64Url.encode(genuine.publicKey()));
        v.put("fingerprint", KeyFingerprint.of(genuine.publicKey()));
        v.put("signedBytesHex", Hex.encode(r.signedBytes()));
        v.put("record", new String(r.toBytes(), StandardCharsets.UTF_8));
        ArrayNode c = v.putArray("candidates");
        c.addObject().put("txId", "0".repeat(43)).putNull("height").put("why", "unconfirmed: ignored")
                .put("data", new String(InceptionRecord.sign(MociId.parse(ID), forger, CREATED).toBytes(), StandardCharsets.UTF_8));
        c.addObject().put("txId", "D".repeat(43)).put("height", 9).put("why", "names another ID: skipped")
                .put("data", new String(InceptionRecord.sign(MociId.parse(OTHER_ID), forger, CREATED).toBytes(), StandardCharsets.UTF_8));
        c.addObject().put("txId", "A".repeat(43)).put("height", 10).put("why", "signature does not verify: skipped")
                .put("data", new String(tamperedSignature(InceptionRecord.sign(MociId.parse(ID), forger, CREATED)), StandardCharsets.UTF_8));
        c.addObject().put("txId", "B".repeat(43)).put("height", 10).put("why", "earliest valid (height 10, after A by tx id): wins")
                .put("data", new String(r.toBytes(), StandardCharsets.UTF_8));
        c.addObject().put("txId", "C".repeat(43)).put("height", 11).put("why", "valid decoy under another key, later: loses")
                .put("data", new String(InceptionRecord.sign(MociId.parse(ID), forger, CREATED + 1).toBytes(), StandardCharsets.UTF_8));
        v.put("winner", "B".repeat(43));
        v.put("skipped", 2);
        return v;
    }

    static JsonNode frozen() throws Exception {
        return Json.mapper().readTree(Files.readAllBytes(FILE));
    }

    static Optional<InceptionRecords.Found> choose(JsonNode v) {
        List<InceptionRecords.Candidate> list = new ArrayList<>();
        Map<String, byte[]> data = new HashMap<>();
        for (JsonNode c : v.get("candidates")) {
            list.add(new InceptionRecords.Candidate(c.get("txId").asText(), c.get("height").isNull() ? null : c.get("height").asLong()));
            data.put(c.get("txId").asText(), c.get("data").asText().getBytes(StandardCharsets.UTF_8));
        }
        return InceptionRecords.earliest(v.get("id").asText(), list, data::get);
    }

    @Test
    void reproduces_the_frozen_inception_vector_byte_for_byte() throws Exception {
        byte[] built = CanonicalJson.bytes(build());
        if (Boolean.getBoolean("memos.writeVectors")) {
            Files.write(FILE, built);
        }
        assertArrayEquals(Files.readAllBytes(FILE), built);
    }

    @Test
    void the_frozen_record_verifies_and_its_signed_bytes_are_the_spec_prefix_plus_jcs() throws Exception {
        JsonNode v = frozen();
        InceptionRecord r = InceptionRecord.parse(v.get("record").asText().getBytes(StandardCharsets.UTF_8));
        assertTrue(r.signatureValid());
        String signed = new String(Hex.decode(v.get("signedBytesHex").asText()), StandardCharsets.UTF_8);
        assertTrue(signed.startsWith("memos-inception-v1\n{\"alg\":\"ed25519\",\"created\":1767225600,"), signed);
        assertEquals(v.get("fingerprint").asText(), KeyFingerprint.of(r.publicKey()));
        // Cross-check with the JDK's own Ed25519 over the documented bytes.
        java.security.KeyFactory kf = java.security.KeyFactory.getInstance("Ed25519");
        byte[] spki = Hex.decode("302a300506032b6570032100" + Hex.encode(r.publicKey()));
        java.security.Signature s = java.security.Signature.getInstance("Ed25519");
        s.initVerify(kf.generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
        s.update(Hex.decode(v.get("signedBytesHex").asText()));
        assertTrue(s.verify(r.signature()));
    }

    @Test
    void earliest_valid_record_wins_over_unconfirmed_other_id_bad_signature_and_later_decoys() throws Exception {
        JsonNode v = frozen();
        InceptionRecords.Found f = choose(v).orElseThrow();
        assertEquals(v.get("winner").asText(), f.txId());
        assertEquals(v.get("skipped").asInt(), f.skipped());
        assertEquals(v.get("publicKey").asText(), Base64Url.encode(f.record().publicKey()));
    }

    @Test
    void a_listed_but_unserved_earlier_candidate_fails_closed_instead_of_letting_a_later_one_win() throws Exception {
        Ed25519 genuine = key("genuine");
        byte[] later = InceptionRecord.sign(MociId.parse(ID), genuine, CREATED).toBytes();
        List<InceptionRecords.Candidate> list = List.of(new InceptionRecords.Candidate("A".repeat(43), 1L),
                new InceptionRecords.Candidate("B".repeat(43), 2L));
        MemosException e = assertThrows(MemosException.class,
                () -> InceptionRecords.earliest(ID, list, tx -> tx.startsWith("A") ? null : later));
        assertEquals(ErrorKind.NETWORK, e.kind());
    }

    @Test
    void rejects_non_canonical_extra_member_wrong_key_length_and_bad_id() throws Exception {
        byte[] good = InceptionRecord.sign(MociId.parse(ID), key("genuine"), CREATED).toBytes();
        String s = new String(good, StandardCharsets.UTF_8);
        List<String> bad = List.of(
                s.replace("{\"alg\"", "{ \"alg\""),                                   // whitespace
                s.replace("\"created\":1767225600", "\"created\":1767225600.0"),       // number form
                s.replace("}", ",\"extra\":1}"),                                       // extra member
                s.replace(ID, "CW-NOVA.R7KMX2-AB"),                                    // checksum
                s.replace("\"alg\":\"ed25519\"", "\"alg\":\"ecdsa-p256-sha256\""),    // key length for the algorithm
                s.replace("\"created\":1767225600", "\"created\":-1"),
                s.substring(0, s.length() - 1));                                       // truncated
        for (String b : bad) {
            MemosException e = assertThrows(MemosException.class, () -> InceptionRecord.parse(b.getBytes(StandardCharsets.UTF_8)), b);
            assertEquals(ErrorKind.INTEGRITY, e.kind());
        }
        assertThrows(MemosException.class, () -> InceptionRecord.parse(new byte[InceptionRecord.MAX_BYTES + 1]));
    }

    @Test
    void a_record_whose_key_was_swapped_does_not_verify() throws Exception {
        InceptionRecord r = InceptionRecord.sign(MociId.parse(ID), key("genuine"), CREATED);
        InceptionRecord swapped = new InceptionRecord(r.id(), SignatureAlgorithm.ED25519, key("forger").publicKey(), r.created(), r.signature());
        assertFalse(swapped.signatureValid());
        assertTrue(InceptionRecords.earliest(ID, List.of(new InceptionRecords.Candidate("A".repeat(43), 1L)),
                tx -> swapped.toBytes()).isEmpty());
    }
}
