package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id rotate-key} in the store (FORMAT.md §13.6): pre-rotation for tiers 1 and 2, and what it refuses. */
class KeyRotationTest {
    static final long T0 = 1_790_000_000L;
    static final long T1 = T0 + 3_600;
    static final byte[] MESSAGE = "a proof signed before the rotation".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    static FileIdentityStore at(Path home, long time) {
        return (FileIdentityStore) TestStores.builder(home).clock(Clock.fixed(Instant.ofEpochSecond(time), ZoneOffset.UTC)).build();
    }

    private void rotationEndToEnd(Tier tier) {
        Path home = tmp.resolve("h");
        FileIdentityStore before = at(home, T0);
        IdentityInfo i = before.create("nova", tier, TestStores.SECRETS);
        KeyEventLog born = before.keyEvents(i.id()).orElseThrow();
        assertArrayEquals(i.publicKey(), born.inception().publicKey());
        byte[] oldSig;
        try (UnlockedIdentity u = before.unlock(i.id(), TestStores.SECRETS)) {
            oldSig = u.signer().sign(MESSAGE);
        }
        IdentityInfo rotated = at(home, T1).rotateKey(i.id(), TestStores.SECRETS);
        KeyEventLog log = at(home, T1).keyEvents(i.id()).orElseThrow();
        assertEquals(1, log.current().seq());
        assertArrayEquals(rotated.publicKey(), log.current().publicKey());
        // The revealed key is the one the inception committed to, and the new private key unlocks.
        assertEquals(born.inception().next(), KeyEvent.commitment(SignatureAlgorithm.ED25519, rotated.publicKey()));
        try (UnlockedIdentity u = at(home, T1).unlock(i.id(), TestStores.SECRETS)) {
            assertArrayEquals(rotated.publicKey(), u.signer().publicKey());
            byte[] newSig = u.signer().sign(MESSAGE);
            assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, log.followFrom(SignatureAlgorithm.ED25519, i.publicKey()).publicKey(),
                    MESSAGE, newSig), "the new key verifies through the pinned inception key");
        }
        // Old-key material from before the rotation still stands; the same key on material dated after it is refused.
        assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, i.publicKey(), MESSAGE, oldSig));
        assertTrue(log.refusal(i.publicKey(), T0).isEmpty());
        assertTrue(log.refusal(i.publicKey(), T1).orElseThrow().contains("rotated out"));
    }

    @Test
    void rotation_tier1_end_to_end() {
        rotationEndToEnd(Tier.DEVICE);
    }

    @Test
    void rotation_tier2_end_to_end() {
        rotationEndToEnd(Tier.PASSPHRASE);
    }

    @Test
    void rotates_again_after_a_passphrase_change_with_the_rewrapped_next_key() {
        Path home = tmp.resolve("h");
        IdentityInfo i = at(home, T0).create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        at(home, T0).rotateKey(i.id(), TestStores.SECRETS);
        String changed = "a changed passphrase";
        at(home, T0).changePassphrase(i.id(), SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, TestStores.PASS,
                SecretSource.Kind.REPLACEMENT_PASSPHRASE, changed)));
        SecretSource now = SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, changed));
        IdentityInfo second = at(home, T1).rotateKey(i.id(), now);
        KeyEventLog log = at(home, T1).keyEvents(i.id()).orElseThrow();
        assertEquals(2, log.current().seq());
        try (UnlockedIdentity u = at(home, T1).unlock(i.id(), now)) {
            assertArrayEquals(second.publicKey(), u.signer().publicKey());
        }
    }

    @Test
    void an_identity_made_before_pre_rotation_starts_its_log_with_an_uncommitted_inception() {
        Path home = tmp.resolve("h");
        FileIdentityStore store = at(home, T0);
        IdentityInfo i = store.create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityRecord r = store.requireRecord(i.id());
        store.save(new IdentityRecord(r.id(), r.tier(), r.state(), r.publicKey(), r.created(), r.updated(), r.generation() + 1,
                r.key(), null));
        assertTrue(store.keyEvents(i.id()).isEmpty());
        IdentityInfo rotated = at(home, T1).rotateKey(i.id(), TestStores.SECRETS);
        KeyEventLog log = store.keyEvents(i.id()).orElseThrow();
        assertNull(log.inception().next());
        assertArrayEquals(i.publicKey(), log.inception().publicKey());
        assertArrayEquals(rotated.publicKey(), log.current().publicKey());
        assertFalse(java.util.Arrays.equals(i.publicKey(), rotated.publicKey()));
    }

    @Test
    void refuses_a_stored_next_key_that_does_not_match_the_commitment_and_changes_nothing() throws Exception {
        Path home = tmp.resolve("h");
        FileIdentityStore store = at(home, T0);
        IdentityInfo i = store.create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityRecord r = store.requireRecord(i.id());
        try (Ed25519 other = Ed25519.generate()) {
            // A swapped next key (an attacker's, sealed the same way) must not become the identity's key.
            store.save(r.withKeys(r.key(), KeyWrap.wrapDevice(other.seed(), store.deviceKey(), i.id(), KeyWrap.nextAad(i.id()),
                    new java.security.SecureRandom()), T0));
        }
        byte[] before = Files.readAllBytes(store.directory(i.id()).resolve("identity.json"));
        MemosException e = assertThrows(MemosException.class, () -> at(home, T1).rotateKey(i.id(), TestStores.SECRETS));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("does not match the commitment"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(store.directory(i.id()).resolve("identity.json")));
    }

    @Test
    void refuses_the_current_key_where_the_next_key_belongs() {
        Path home = tmp.resolve("h");
        FileIdentityStore store = at(home, T0);
        IdentityInfo i = store.create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityRecord r = store.requireRecord(i.id());
        // The current key's ciphertext (AAD of the current key) put in the next-key slot does not even open there.
        store.save(r.withKeys(r.key(), r.key(), T0));
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> at(home, T1).rotateKey(i.id(), TestStores.SECRETS)).kind());
    }

    @Test
    void wrong_passphrase_rotates_nothing() throws Exception {
        Path home = tmp.resolve("h");
        FileIdentityStore store = at(home, T0);
        IdentityInfo i = store.create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        byte[] before = Files.readAllBytes(store.directory(i.id()).resolve("identity.json"));
        MemosException e = assertThrows(MemosException.class, () -> at(home, T1).rotateKey(i.id(),
                SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, "not the passphrase"))));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertArrayEquals(before, Files.readAllBytes(store.directory(i.id()).resolve("identity.json")));
    }

    @Test
    void a_suspended_identity_is_not_rotated() {
        Path home = tmp.resolve("h");
        FileIdentityStore store = at(home, T0);
        IdentityInfo i = store.create("nova", Tier.DEVICE, TestStores.SECRETS);
        store.suspend(i.id());
        assertEquals(ErrorKind.AUTH, assertThrows(MemosException.class, () -> store.rotateKey(i.id(), TestStores.SECRETS)).kind());
    }

    @Test
    void a_tier1_export_carries_the_next_key_so_the_imported_identity_can_rotate() throws Exception {
        FileIdentityStore a = at(tmp.resolve("a"), T0);
        IdentityInfo i = a.create("nova", Tier.DEVICE, TestStores.SECRETS);
        String commitment = a.keyEvents(i.id()).orElseThrow().current().next();
        Path file = a.exportTo(i.id(), Files.createDirectories(tmp.resolve("out")), TestStores.SECRETS);
        FileIdentityStore b = at(tmp.resolve("b"), T1);
        b.importFrom(file, false, TestStores.SECRETS);
        IdentityInfo rotated = b.rotateKey(i.id(), TestStores.SECRETS);
        assertEquals(commitment, KeyEvent.commitment(SignatureAlgorithm.ED25519, rotated.publicKey()));
    }
}
