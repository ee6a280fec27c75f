package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path home;

    private static final byte[] MSG = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void tier1_creates_unlocks_without_prompt_and_signs() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo info = s.create("nova", Tier.DEVICE, SecretSource.fixed(Map.of()));
        assertEquals("NOVA", info.id().name());
        assertEquals(IdentityState.ACTIVE, info.state());
        try (UnlockedIdentity u = s.unlock(info.id(), SecretSource.fixed(Map.of()))) {
            byte[] sig = u.signer().sign(MSG);
            assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, info.publicKey(), MSG, sig));
            assertArrayEquals(info.publicKey(), u.signer().publicKey());
        }
        Path f = info.directory().resolve("identity.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertTrue(Files.exists(info.directory().resolve("identity.json.bak")));
        assertFalse(Files.exists(home.resolve("completion")), "the core writes nothing for the shell's completion");
    }

    @Test
    void reports_the_identity_list_after_each_change_and_writes_no_completion_file() {
        List<List<String>> seen = new java.util.ArrayList<>();
        IdentityStore s = TestStores.store(home, new IdentityEvents() {
            @Override
            public void listChanged(List<IdentityInfo> identities) {
                seen.add(identities.stream().map(i -> i.id().toString()).toList());
            }
        });
        IdentityInfo a = s.create("nova", Tier.DEVICE, SecretSource.fixed(Map.of()));
        IdentityInfo b = s.create("apex", Tier.DEVICE, SecretSource.fixed(Map.of()));
        s.revoke(a.id(), TestStores.SECRETS);
        s.delete(a.id(), TestStores.SECRETS);
        assertEquals(List.of(a.id().toString()), seen.get(0));
        assertEquals(2, seen.get(1).size());
        assertEquals(List.of(b.id().toString()), seen.get(seen.size() - 1));
        assertFalse(Files.exists(home.resolve("completion")));
    }

    @Test
    void tier2_needs_the_passphrase_and_refuses_a_wrong_one() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo info = s.create("apex", Tier.PASSPHRASE, TestStores.SECRETS);
        try (UnlockedIdentity u = s.unlock(info.id(), TestStores.SECRETS)) {
            assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, info.publicKey(), MSG, u.signer().sign(MSG)));
        }
        MemosException e = assertThrows(MemosException.class, () -> s.unlock(info.id(),
                SecretSource.fixed(Map.of(SecretSource.Kind.IDENTITY_PASSPHRASE, "wrong passphrase"))));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertFalse(e.getMessage().contains(TestStores.PASS));
    }

    @Test
    void tier2_key_file_does_not_depend_on_the_device_key() throws Exception {
        IdentityInfo info = TestStores.store(home).create("apex", Tier.PASSPHRASE, TestStores.SECRETS);
        String json = Files.readString(info.directory().resolve("identity.json"));
        assertTrue(json.contains("\"kind\":\"argon2id\""));
        assertTrue(json.contains("\"m\":64"));
        assertFalse(json.contains(TestStores.PASS));
    }

    @Test
    void rejects_short_passphrase_for_tier2() {
        MemosException e = assertThrows(MemosException.class, () -> TestStores.store(home).create("apex", Tier.PASSPHRASE,
                SecretSource.fixed(Map.of(SecretSource.Kind.NEW_IDENTITY_PASSPHRASE, "short"))));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(TestStores.store(home).list().isEmpty());
    }

    @Test
    void rejects_blocked_names_case_insensitively() {
        IdentityStore s = TestStores.store(home);
        for (String n : List.of("admin", "Root", "SYSTEM", "moci", "OpenClaw")) {
            MemosException e = assertThrows(MemosException.class, () -> s.create(n, Tier.DEVICE, TestStores.SECRETS));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("reserved"));
        }
        IdentityStore custom = TestStores.builder(home).blockedNames(Set.of("NOVA")).build();
        assertThrows(MemosException.class, () -> custom.create("nova", Tier.DEVICE, TestStores.SECRETS));
        custom.create("admin", Tier.DEVICE, TestStores.SECRETS);
    }

    @Test
    void rejects_malformed_names() {
        IdentityStore s = TestStores.store(home);
        for (String n : List.of("A", "THIRTEENCHARS", "NO VA", "NOVA.", "ÑOVA", "")) {
            assertEquals(ErrorKind.USAGE, assertThrows(MemosException.class, () -> s.create(n, Tier.DEVICE,
                    TestStores.SECRETS)).kind());
        }
    }

    @Test
    void rejects_identity_file_copied_to_another_home() throws Exception {
        IdentityInfo info = TestStores.store(home).create("nova", Tier.DEVICE, TestStores.SECRETS);
        Path other = home.resolve("other");
        Path dst = other.resolve("identities").resolve(info.id().toString());
        Files.createDirectories(dst);
        Files.copy(info.directory().resolve("identity.json"), dst.resolve("identity.json"));
        MemosException e = assertThrows(MemosException.class, () -> TestStores.store(other).require(info.id()));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void rejects_tampered_state_field() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo info = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        s.suspend(info.id());
        for (String name : List.of("identity.json", "identity.json.bak")) {
            Path f = info.directory().resolve(name);
            Files.writeString(f, Files.readString(f).replace("\"suspended\"", "\"active\""));
        }
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> s.require(info.id())).kind());
    }

    @Test
    void device_keys_are_per_identity_and_per_label() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo a = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityInfo b = s.create("apex", Tier.DEVICE, TestStores.SECRETS);
        try (UnlockedIdentity ua = s.unlock(a.id(), TestStores.SECRETS); UnlockedIdentity ub = s.unlock(b.id(), TestStores.SECRETS);
             SecretBytes k1 = ua.deviceKey("ring-mac"); SecretBytes k2 = ub.deviceKey("ring-mac");
             SecretBytes k3 = ua.deviceKey("audit-mac"); SecretBytes k1again = ua.deviceKey("ring-mac")) {
            assertFalse(k1.equalsSecret(k2));
            assertFalse(k1.equalsSecret(k3));
            assertTrue(k1.equalsSecret(k1again));
            assertEquals(32, k1.length());
        }
    }

    @Test
    void closing_an_unlocked_identity_wipes_it() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo a = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        UnlockedIdentity u = s.unlock(a.id(), TestStores.SECRETS);
        var signer = u.signer();
        u.close();
        assertTrue(u.isClosed());
        assertThrows(IllegalStateException.class, u::signer);
        assertThrows(IllegalStateException.class, () -> signer.sign(MSG));
        assertFalse(u.toString().contains("seed"));
    }

    @Test
    void regenerates_on_collision_with_existing_id() {
        IdentityInfo a = TestStores.builder(home).random(TestStores.replaying(5)).build()
                .create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityInfo b = TestStores.builder(home).random(TestStores.replaying(5)).build()
                .create("nova", Tier.DEVICE, TestStores.SECRETS);
        assertNotEquals(a.id(), b.id());
        assertEquals(2, TestStores.store(home).list().size());
    }

    @Test
    void only_active_requires_exactly_one() {
        IdentityStore s = TestStores.store(home);
        assertTrue(s.onlyActive().isEmpty());
        IdentityInfo a = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        assertEquals(a.id(), s.onlyActive().orElseThrow().id());
        IdentityInfo b = s.create("apex", Tier.DEVICE, TestStores.SECRETS);
        assertTrue(s.onlyActive().isEmpty());
        s.suspend(b.id());
        assertEquals(a.id(), s.onlyActive().orElseThrow().id());
    }

    @Test
    void rejects_concurrent_mutation_while_lock_is_held() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo a = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Path lockFile = home.resolve("identities/.lock");
        try (var ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE);
             var held = ch.lock()) {
            Thread t = new Thread(() -> { });
            t.start();
            t.join();
            // Same JVM: the OS lock is per process, so the store sees an overlapping lock and refuses clearly.
            MemosException e = assertThrows(MemosException.class, () -> s.suspend(a.id()));
            assertTrue(e.getMessage().contains("lock"), e.getMessage());
        }
        s.suspend(a.id());
    }
}
