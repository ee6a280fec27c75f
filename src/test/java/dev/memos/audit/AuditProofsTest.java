package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.testing.MutableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proof files made from a real log, checked with only the public key and by the independent verifier. */
class AuditProofsTest {
    @TempDir
    Path tmp;
    MemosHome home;
    Path dir;
    byte[] publicKey;

    @BeforeEach
    void log() {
        home = TestLogs.home(tmp);
        dir = TestLogs.homeLogDir(home);
        TestLogs.fill(home, new MutableClock(TestLogs.T0), 37, 10);
        try (Ed25519 k = AuditKeys.homeSigner(DeviceKey.loadOrCreate(home.root()))) {
            publicKey = k.publicKey();
        }
    }

    private static List<byte[]> path(ObjectNode proof) {
        List<byte[]> out = new ArrayList<>();
        proof.get("path").forEach(h -> out.add(Hex.decode(h.textValue())));
        return out;
    }

    @Test
    void inclusion_proof_checks_with_public_key_only() {
        ObjectNode proof = AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 23);
        AuditProofs.Verified v = AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey);
        assertEquals(23, v.index());
        assertEquals("23", v.entry().orElseThrow().details().get("n"));
        Checkpoint cp = Checkpoint.fromJson(proof.get("checkpoint"));
        assertTrue(MinimalMerkleVerifier.inclusion(Base64Url.decode(proof.get("entry").textValue()), 23, cp.size(), path(proof), cp.root()));
    }

    @Test
    void consistency_proof_checks_with_public_key_only() {
        ObjectNode proof = AuditProofs.consistency(dir, AuditKeys.HOME_LOG, 21, null);
        AuditProofs.Verified v = AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey);
        assertEquals(21, v.fromSize());
        assertEquals(37, v.toSize());
        assertTrue(proof.get("from").has("checkpoint"), "21 is a checkpoint size (7, 21, 35, 37), so the old root is signed too");
        Checkpoint to = Checkpoint.fromJson(proof.get("to"));
        assertTrue(MinimalMerkleVerifier.consistency(21, Hex.decode(proof.get("from").get("root").textValue()), to.size(), to.root(), path(proof)));
    }

    @Test
    void rejects_proof_checked_with_another_key() {
        ObjectNode proof = AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 3);
        try (Ed25519 other = Ed25519.generate()) {
            assertThrows(AuditIntegrityException.class,
                    () -> AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, other.publicKey()));
        }
    }

    @Test
    void rejects_inclusion_proof_with_swapped_entry() {
        ObjectNode proof = AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 3);
        ObjectNode other = AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 4);
        proof.put("entry", other.get("entry").textValue());
        assertThrows(AuditIntegrityException.class, () -> AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey));
    }

    @Test
    void rejects_inclusion_proof_with_tampered_path() {
        ObjectNode proof = AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 30);
        ArrayNode p = (ArrayNode) proof.get("path");
        byte[] h = Hex.decode(p.get(0).textValue());
        h[31] ^= 1;
        p.set(0, Hex.encode(h));
        assertThrows(AuditIntegrityException.class, () -> AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey));
    }

    @Test
    void rejects_consistency_proof_with_forged_old_root() {
        ObjectNode proof = AuditProofs.consistency(dir, AuditKeys.HOME_LOG, 9, null);
        ObjectNode from = (ObjectNode) proof.get("from");
        from.put("root", Hex.encode(Merkle.emptyRoot()));
        assertThrows(AuditIntegrityException.class, () -> AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey));
    }

    @Test
    void rejects_consistency_proof_with_resigned_checkpoint_of_other_key() {
        ObjectNode proof = AuditProofs.consistency(dir, AuditKeys.HOME_LOG, 9, null);
        Checkpoint to = Checkpoint.fromJson(proof.get("to"));
        try (Ed25519 other = Ed25519.generate()) {
            proof.set("to", Checkpoint.sign(to.log(), to.size(), to.root(), to.timeMillis(), other).toJson());
        }
        assertThrows(AuditIntegrityException.class, () -> AuditProofs.verify(AuditProofs.toBytes(proof), SignatureAlgorithm.ED25519, publicKey));
    }

    @Test
    void rejects_garbage_proof_file() {
        assertThrows(MemosException.class, () -> AuditProofs.verify("{}".getBytes(), SignatureAlgorithm.ED25519, publicKey));
        assertThrows(MemosException.class, () -> AuditProofs.verify("not json".getBytes(), SignatureAlgorithm.ED25519, publicKey));
    }

    @Test
    void refuses_inclusion_proof_for_uncheckpointed_entry() {
        assertThrows(MemosException.class, () -> AuditProofs.inclusion(dir, AuditKeys.HOME_LOG, 37));
    }

    @Test
    void proof_root_matches_the_independent_root_of_the_export() {
        Checkpoint cp = CheckpointFile.readLast(dir.resolve(AuditLogs.CHECKPOINTS_FILE)).orElseThrow();
        List<byte[]> raw = new ArrayList<>();
        AuditReader.forEach(dir, (e, encoded, mac) -> raw.add(encoded));
        assertArrayEquals(MinimalMerkleVerifier.root(raw.subList(0, (int) cp.size())), cp.root());
    }
}
