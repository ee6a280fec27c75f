package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FORMAT.md §13.6: the key event log (pre-rotation) against the frozen vector
 * {@code vectors/identity/key-events-v1.json} (an inception and two rotations under fixed keys, rebuilt
 * byte for byte; {@code -Dmemos.writeVectors=true} writes it), and every refusal rule.
 */
class KeyEventLogTest {
    static final MociId ID = MociId.parse("CW-NOVA.R7KMX2-AA");
    static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final Path FILE = Path.of("src/test/resources/vectors/identity/key-events-v1.json");

    static Ed25519 key(int n) throws Exception {
        return Ed25519.fromSeed(SecretBytes.adopt(MessageDigest.getInstance("SHA-256")
                .digest(("memos-key-event-vector:" + n).getBytes(StandardCharsets.UTF_8))));
    }

    /** k0 incepts committing to k1; k0 rotates to k1 committing to k2; k1 rotates to k2 committing to k3. */
    static List<KeyEvent> events() throws Exception {
        Ed25519 k0 = key(0);
        Ed25519 k1 = key(1);
        Ed25519 k2 = key(2);
        Ed25519 k3 = key(3);
        KeyEvent e0 = KeyEvent.inception(ID, k0, k1.publicKey(), T0);
        KeyEvent e1 = KeyEvent.rotation(e0, k0, k1.publicKey(), k2.publicKey(), T0 + 86_400);
        KeyEvent e2 = KeyEvent.rotation(e1, k1, k2.publicKey(), k3.publicKey(), T0 + 2 * 86_400);
        return List.of(e0, e1, e2);
    }

    static byte[] build() throws Exception {
        ObjectNode v = Json.mapper().createObjectNode();
        v.put("keySeeds", "seed n = SHA-256(\"memos-key-event-vector:\" || n), n = 0..3; event i names key i, commits to key i+1");
        ArrayNode keys = v.putArray("publicKeys");
        for (int i = 0; i < 4; i++) {
            keys.add(Base64Url.encode(key(i).publicKey()));
        }
        ArrayNode out = v.putArray("events");
        for (KeyEvent e : events()) {
            ObjectNode o = out.addObject();
            o.put("event", new String(e.toBytes(), StandardCharsets.UTF_8));
            o.put("signedBytesHex", Hex.encode(e.signedBytes()));
            o.put("digest", e.digest());
        }
        v.put("commitmentOfKey1", KeyEvent.commitment(dev.memos.crypto.SignatureAlgorithm.ED25519, key(1).publicKey()));
        return CanonicalJson.bytes(v);
    }

    static List<KeyEvent> frozenEvents() throws Exception {
        JsonNode v = Json.mapper().readTree(Files.readAllBytes(FILE));
        List<KeyEvent> out = new ArrayList<>();
        v.get("events").forEach(e -> out.add(KeyEvent.parse(e.get("event").asText().getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    @Test
    void the_vector_file_is_rebuilt_byte_for_byte() throws Exception {
        byte[] built = build();
        if (Boolean.getBoolean("memos.writeVectors")) {
            Files.write(FILE, built);
        }
        assertArrayEquals(Files.readAllBytes(FILE), built);
    }

    @Test
    void the_frozen_log_verifies_and_its_current_key_is_key_2() throws Exception {
        JsonNode v = Json.mapper().readTree(Files.readAllBytes(FILE));
        KeyEventLog log = KeyEventLog.verify(frozenEvents());
        assertArrayEquals(key(2).publicKey(), log.current().publicKey());
        assertArrayEquals(key(2).publicKey(), log.followFrom(log.algorithm(), key(0).publicKey()).publicKey());
        assertEquals(log.events().get(1).digest(), log.events().get(2).prior());
        String signed = new String(Hex.decode(v.get("events").get(1).get("signedBytesHex").asText()), StandardCharsets.UTF_8);
        assertTrue(signed.startsWith("memos-key-event-v1\n{\"alg\":\"ed25519\",\"at\":1767312000,\"format\":\"memos-key-event-v1\","), signed);
        assertEquals(v.get("commitmentOfKey1").asText(), log.inception().next());
    }

    @Test
    void rejects_rotation_signed_by_other_key_than_the_outgoing_one() throws Exception {
        List<KeyEvent> ev = events();
        KeyEvent forged = KeyEvent.rotation(ev.get(0), key(9), key(1).publicKey(), key(2).publicKey(), T0 + 10);
        MemosException e = assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(0), forged)));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("not signed by the outgoing key"), e.getMessage());
    }

    @Test
    void rejects_rotation_revealing_a_key_that_does_not_match_the_commitment() throws Exception {
        List<KeyEvent> ev = events();
        // The thief holds the current key k0 and signs correctly, but reveals his own key instead of the committed k1.
        KeyEvent thief = KeyEvent.rotation(ev.get(0), key(0), key(7).publicKey(), key(8).publicKey(), T0 + 10);
        MemosException e = assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(0), thief)));
        assertTrue(e.getMessage().contains("does not match the commitment"), e.getMessage());
    }

    @Test
    void rejects_replayed_and_reordered_rotations() throws Exception {
        List<KeyEvent> ev = events();
        assertTrue(assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(0), ev.get(1), ev.get(1))))
                .getMessage().contains("out of order"));
        assertTrue(assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(0), ev.get(2), ev.get(1))))
                .getMessage().contains("out of order"));
        assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(1), ev.get(2))));
        assertThrows(MemosException.class, () -> KeyEventLog.verify(ev.subList(0, 2)).append(ev.get(1)));
    }

    @Test
    void rejects_rotation_whose_prior_digest_names_another_log() throws Exception {
        List<KeyEvent> ev = events();
        KeyEvent otherInception = KeyEvent.inception(ID, key(0), key(1).publicKey(), T0 + 5); // same keys, other time
        KeyEvent grafted = KeyEvent.rotation(otherInception, key(0), key(1).publicKey(), key(2).publicKey(), T0 + 10);
        assertTrue(assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(ev.get(0), grafted)))
                .getMessage().contains("prior digest differs"));
    }

    @Test
    void rejects_an_inception_not_signed_by_its_own_key_and_a_rotation_back_to_an_old_key() throws Exception {
        KeyEvent e0 = KeyEvent.inception(ID, key(0), null, T0);
        KeyEvent altered = new KeyEvent(e0.id(), 0, KeyEvent.Type.INCEPTION, e0.algorithm(), key(5).publicKey(), null, null, T0,
                e0.signature());
        assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(altered)));
        // An uncommitted inception (an identity made before pre-rotation) allows any first key, but never an old one.
        KeyEvent back = KeyEvent.rotation(e0, key(0), key(0).publicKey(), key(1).publicKey(), T0 + 1);
        assertTrue(assertThrows(MemosException.class, () -> KeyEventLog.verify(List.of(e0, back)))
                .getMessage().contains("brings back key"));
        KeyEvent legacyFirst = KeyEvent.rotation(e0, key(0), key(4).publicKey(), key(5).publicKey(), T0 + 1);
        assertArrayEquals(key(4).publicKey(), KeyEventLog.verify(List.of(e0, legacyFirst)).current().publicKey());
    }

    @Test
    void a_rotated_out_key_stands_only_for_material_dated_before_its_rotation() throws Exception {
        KeyEventLog log = KeyEventLog.verify(events());
        assertTrue(log.refusal(key(0).publicKey(), T0 + 86_399).isEmpty());
        assertTrue(log.refusal(key(0).publicKey(), T0 + 86_400).orElseThrow().contains("rotated out by rotation #1"));
        assertTrue(log.refusal(key(2).publicKey(), T0 + 999_999).isEmpty());
        assertTrue(log.refusal(key(9).publicKey(), T0).orElseThrow().contains("not in the key event log"));
        assertEquals(ErrorKind.KEY_MISMATCH, assertThrows(MemosException.class,
                () -> log.followFrom(log.algorithm(), key(9).publicKey())).kind());
    }

    @Test
    void parse_rejects_non_canonical_and_malformed_events() throws Exception {
        KeyEvent e = events().get(1);
        byte[] ok = e.toBytes();
        assertEquals(e, KeyEvent.parse(ok));
        String s = new String(ok, StandardCharsets.UTF_8);
        assertThrows(MemosException.class, () -> KeyEvent.parse((" " + s).getBytes(StandardCharsets.UTF_8)));
        assertThrows(MemosException.class, () -> KeyEvent.parse(s.replace("\"type\":\"rotation\"", "\"type\":\"inception\"")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(MemosException.class, () -> KeyEvent.parse(s.replace("\"next\":\"", "\"next\":\"0")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(MemosException.class, () -> KeyEvent.parse(s.replace("\"seq\":1", "\"seq\":1,\"x\":1")
                .getBytes(StandardCharsets.UTF_8)));
        assertThrows(MemosException.class, () -> KeyEvent.parse(new byte[KeyEvent.MAX_BYTES + 1]));
    }
}
