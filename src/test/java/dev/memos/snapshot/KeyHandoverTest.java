package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reading rules of a key handover (FORMAT.md §14.12): forged, unsigned, misaddressed, tampered. */
class KeyHandoverTest {
    static final String THIRD_HEX = "1111111111111111111111111111111111111111111111111111111111111111";
    private final EthPrivateKey oldKey = SnapFixtures.key();
    private final EthPrivateKey newKey = SnapFixtures.other();
    private final EthPrivateKey third = EthPrivateKey.parse(THIRD_HEX);
    private final List<String> warnings = new ArrayList<>();

    private ObjectNode body(SnapshotKeys to) {
        return KeyHandover.body(oldKey, to, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED, KeyHandoverVectorTest.nonce());
    }

    private MemosException refused(KeyHandover.Encoded e, SnapshotKeys to) {
        MemosException x = assertThrows(MemosException.class, () -> KeyHandover.open(e.bytes(), e.id(), to, warnings::add));
        assertEquals(ErrorKind.INTEGRITY, x.kind(), x.getMessage());
        return x;
    }

    @Test
    void opens_a_handover_written_by_both_keys() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            KeyHandover.Encoded e = KeyHandover.write(oldKey, newKey, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED);
            try (KeyHandover.Opened o = KeyHandover.open(e.bytes(), e.id(), to, warnings::add).orElseThrow()) {
                assertEquals(oldKey.address().checksummed(), o.oldAddress());
            }
        }
    }

    @Test
    void rejects_handover_signed_by_a_key_other_than_the_old_one() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            KeyHandover.Encoded e = KeyHandover.seal(body(to), EthSigner.of(third), EthSigner.of(newKey), to, null);
            assertTrue(refused(e, to).getMessage().contains("not signed by the old key"));
        }
    }

    @Test
    void rejects_handover_whose_countersignature_is_missing() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            KeyHandover.Encoded e = KeyHandover.seal(body(to), EthSigner.of(oldKey), null, to, null);
            refused(e, to);
        }
    }

    @Test
    void rejects_handover_countersigned_by_a_key_other_than_the_new_one() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            KeyHandover.Encoded e = KeyHandover.seal(body(to), EthSigner.of(oldKey), EthSigner.of(third), to, null);
            assertTrue(refused(e, to).getMessage().contains("not countersigned by the new key"));
        }
    }

    @Test
    void rejects_tampered_wrapped_keys_even_when_both_keys_signed_them() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            ObjectNode b = body(to);
            ObjectNode w = (ObjectNode) b.get("wrapped_keys");
            char[] ct = w.get("ciphertext").asText().toCharArray();
            ct[10] = ct[10] == '0' ? '1' : '0';
            w.put("ciphertext", new String(ct));
            KeyHandover.Encoded e = KeyHandover.seal(b, EthSigner.of(oldKey), EthSigner.of(newKey), to, null);
            assertTrue(refused(e, to).getMessage().contains("wrapped keys"));
        }
    }

    @Test
    void rejects_a_signed_field_changed_after_signing() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            ObjectNode b = body(to);
            KeyHandover.Encoded good = KeyHandover.seal(b, EthSigner.of(oldKey), EthSigner.of(newKey), to, null);
            // re-seal the same signatures over a raised head: the hash no longer matches what was signed
            ((ObjectNode) b.get("old_head")).put("sequence", 99);
            String sealed = new String(KeyHandoverVectorTest.sealedOf(good, to), java.nio.charset.StandardCharsets.UTF_8);
            String forged = sealed.replace("\"sequence\":7", "\"sequence\":99");
            MemosException x = assertThrows(MemosException.class, () -> KeyHandover.parse(forged.getBytes(), good.id(), to, warnings::add));
            assertEquals(ErrorKind.INTEGRITY, x.kind());
        }
    }

    @Test
    void ignores_handover_naming_another_new_address() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey); SnapshotKeys elsewhere = SnapshotKeys.derive(third)) {
            // sealed for the key in use, but the signed record hands the history to a third address
            KeyHandover.Encoded e = KeyHandover.seal(body(elsewhere), EthSigner.of(oldKey), EthSigner.of(third), to, null);
            assertEquals(Optional.empty(), KeyHandover.open(e.bytes(), e.id(), to, warnings::add));
            assertTrue(warnings.get(0).contains("not to the key in use"), warnings.toString());
        }
    }

    @Test
    void ignores_handover_sealed_for_another_key_without_a_warning() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey); SnapshotKeys elsewhere = SnapshotKeys.derive(third)) {
            KeyHandover.Encoded e = KeyHandover.write(oldKey, third, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED);
            assertEquals(Optional.empty(), KeyHandover.open(e.bytes(), e.id(), to, warnings::add));
            assertTrue(warnings.isEmpty());
            assertTrue(KeyHandover.open(e.bytes(), e.id(), elsewhere, warnings::add).isPresent());
        }
    }

    @Test
    void rejects_any_flipped_byte_of_the_file_sampled() {
        try (SnapshotKeys to = SnapshotKeys.derive(newKey)) {
            KeyHandover.Encoded e = KeyHandover.write(oldKey, newKey, KeyHandoverVectorTest.HEAD, KeyHandoverVectorTest.CREATED);
            Random r = new Random(16);
            for (int i = 0; i < 64; i++) {
                byte[] b = e.bytes().clone();
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                // under the id of the real file (a repository's name for it) and under its own hash
                assertThrows(MemosException.class, () -> KeyHandover.open(b, e.id(), to, warnings::add));
                String own = dev.memos.encoding.Hex.encode(dev.memos.crypto.Hash.sha256(b));
                try {
                    Optional<KeyHandover.Opened> o = KeyHandover.open(b, own, to, warnings::add);
                    assertTrue(o.isEmpty(), "a damaged header reads as another key's handover, never as a valid one");
                } catch (MemosException x) {
                    assertEquals(ErrorKind.INTEGRITY, x.kind());
                }
            }
        }
    }

    @Test
    void tag_depends_on_the_new_key_only() {
        try (SnapshotKeys a = SnapshotKeys.derive(newKey); SnapshotKeys b = SnapshotKeys.derive(newKey); SnapshotKeys c = SnapshotKeys.derive(oldKey)) {
            assertEquals(KeyHandover.tag(a), KeyHandover.tag(b));
            assertTrue(!KeyHandover.tag(a).equals(KeyHandover.tag(c)));
            assertTrue(KeyHandover.tag(a).matches("[0-9a-f]{64}"));
        }
    }
}
