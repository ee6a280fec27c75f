package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id passphrase} in the store (FORMAT.md §8): the key is re-wrapped, never lost, never written in clear. */
class PassphraseChangeTest {
    static final String NEW = "a new and longer passphrase";

    @TempDir
    Path home;

    static SecretSource change(String old, String next) {
        return SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, old, SecretSource.Kind.REPLACEMENT_PASSPHRASE, next));
    }

    static SecretSource only(String passphrase) {
        return SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, passphrase));
    }

    private byte[] files(MociId id) throws Exception {
        Path dir = TestStores.store(home).directory(id);
        return (new String(Files.readAllBytes(dir.resolve("identity.json")), StandardCharsets.UTF_8)
                + new String(Files.readAllBytes(dir.resolve("identity.json.bak")), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void new_passphrase_opens_the_same_key_and_the_old_one_no_longer_does() {
        IdentityStore store = TestStores.store(home);
        IdentityInfo i = store.create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        IdentityInfo changed = store.changePassphrase(i.id(), change(TestStores.PASS, NEW));
        assertArrayEquals(i.publicKey(), changed.publicKey());
        try (UnlockedIdentity u = store.unlock(i.id(), only(NEW))) {
            assertArrayEquals(i.publicKey(), u.signer().publicKey());
        }
        assertEquals(ErrorKind.AUTH, assertThrows(MemosException.class, () -> store.unlock(i.id(), only(TestStores.PASS))).kind());
        // The backup copy is rewritten too: restoring identity.json from it cannot bring the old passphrase back.
        Path dir = store.directory(i.id());
        assertDoesNotOpenWithOld(dir, store, i.id());
    }

    private static void assertDoesNotOpenWithOld(Path dir, IdentityStore store, MociId id) {
        try {
            Files.delete(dir.resolve("identity.json"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThrows(MemosException.class, () -> store.unlock(id, only(TestStores.PASS)));
    }

    @Test
    void rejects_wrong_old_passphrase_and_leaves_the_file_byte_for_byte() throws Exception {
        IdentityStore store = TestStores.store(home);
        IdentityInfo i = store.create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        byte[] before = files(i.id());
        MemosException e = assertThrows(MemosException.class, () -> store.changePassphrase(i.id(), change("not the passphrase", NEW)));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertArrayEquals(before, files(i.id()));
        store.unlock(i.id(), only(TestStores.PASS)).close();
    }

    @Test
    void rejects_a_too_short_new_passphrase_and_keeps_the_old_one() throws Exception {
        IdentityStore store = TestStores.store(home);
        IdentityInfo i = store.create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        byte[] before = files(i.id());
        MemosException e = assertThrows(MemosException.class, () -> store.changePassphrase(i.id(), change(TestStores.PASS, "short")));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertArrayEquals(before, files(i.id()));
    }

    @Test
    void rejects_tier_1_which_has_no_passphrase() {
        IdentityStore store = TestStores.store(home);
        IdentityInfo i = store.create("nova", Tier.DEVICE, TestStores.SECRETS);
        MemosException e = assertThrows(MemosException.class, () -> store.changePassphrase(i.id(), change(TestStores.PASS, NEW)));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("only tier-2"), e.getMessage());
    }

    @Test
    void reports_the_change_to_its_observer_once() {
        java.util.List<MociId> seen = new java.util.ArrayList<>();
        IdentityStore store = TestStores.store(home, new IdentityEvents() {
            @Override
            public void passphraseChanged(MociId id) {
                seen.add(id);
            }
        });
        IdentityInfo i = store.create("nova", Tier.PASSPHRASE, TestStores.SECRETS);
        assertThrows(MemosException.class, () -> store.changePassphrase(i.id(), change("wrong one here", NEW)));
        assertFalse(seen.contains(i.id()));
        store.changePassphrase(i.id(), change(TestStores.PASS, NEW));
        assertEquals(java.util.List.of(i.id()), seen);
    }
}
