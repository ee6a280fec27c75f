package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Base64Url;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTest {
    @TempDir
    Path home;

    @Test
    void state_machine_allows_exactly_the_documented_transitions() {
        for (IdentityState from : IdentityState.values()) {
            for (IdentityState to : IdentityState.values()) {
                boolean allowed = Set.of("ACTIVE>SUSPENDED", "SUSPENDED>ACTIVE", "ACTIVE>REVOKED", "REVOKED>DELETED")
                        .contains(from + ">" + to);
                assertEquals(allowed, from.canBecome(to), from + " -> " + to);
            }
        }
    }

    /** Brings a fresh identity into {@code state} through allowed transitions. */
    private IdentityInfo in(IdentityStore s, IdentityState state, String name) {
        IdentityInfo i = s.create(name, Tier.DEVICE, TestStores.SECRETS);
        switch (state) {
            case SUSPENDED -> s.suspend(i.id());
            case REVOKED -> s.revoke(i.id(), TestStores.SECRETS);
            default -> { }
        }
        return s.require(i.id());
    }

    private static void apply(IdentityStore s, MociId id, IdentityState target) {
        switch (target) {
            case ACTIVE -> s.resume(id);
            case SUSPENDED -> s.suspend(id);
            case REVOKED -> s.revoke(id, TestStores.SECRETS);
            case DELETED -> s.delete(id, TestStores.SECRETS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = IdentityState.class, names = {"ACTIVE", "SUSPENDED", "REVOKED"})
    void store_applies_allowed_and_refuses_every_other_transition_naming_the_state(IdentityState from) {
        IdentityStore s = TestStores.store(home);
        int n = 0;
        for (IdentityState to : IdentityState.values()) {
            IdentityInfo i = in(s, from, "N" + (n++));
            if (from.canBecome(to)) {
                apply(s, i.id(), to);
                if (to == IdentityState.DELETED) {
                    assertTrue(s.info(i.id()).isEmpty());
                } else {
                    assertEquals(to, s.require(i.id()).state());
                }
            } else {
                MemosException e = assertThrows(MemosException.class, () -> apply(s, i.id(), to));
                assertEquals(ErrorKind.USAGE, e.kind());
                assertTrue(e.getMessage().contains("it is " + from.id()), e.getMessage());
                assertEquals(from, s.require(i.id()).state());
            }
        }
    }

    @Test
    void revoke_signs_a_verifiable_revoked_record_and_tombstones_the_id() {
        TestStores.Events events = new TestStores.Events();
        IdentityStore s = TestStores.store(home, events);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        s.revoke(i.id(), TestStores.SECRETS);
        Tombstone t = s.tombstones().get(0);
        assertEquals(i.id(), t.id());
        assertEquals(IdentityState.REVOKED, t.state());
        assertTrue(RevocationRecord.verify(i.id(), Base64Url.decode(t.revocation()), Base64Url.decode(t.signature())));
        assertTrue(events.log.contains("revoked " + i.id()));
        assertTrue(s.isTombstoned(i.id()));
    }

    @Test
    void rejects_forged_revocation_record() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        s.revoke(i.id(), TestStores.SECRETS);
        Tombstone t = s.tombstones().get(0);
        byte[] record = Base64Url.decode(t.revocation());
        byte[] sig = Base64Url.decode(t.signature());
        sig[3] ^= 1;
        assertFalse(RevocationRecord.verify(i.id(), record, sig));
        MociId other = MociId.of("OTHER", "ABCDEF");
        assertFalse(RevocationRecord.verify(other, record, Base64Url.decode(t.signature())));
    }

    @Test
    void suspended_identity_refuses_tokens_and_memory_writes_until_resumed() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = in(s, IdentityState.SUSPENDED, "nova");
        MemosException e = assertThrows(MemosException.class, () -> s.requireActive(i.id()));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("suspended"));
        s.resume(i.id());
        assertEquals(IdentityState.ACTIVE, s.requireActive(i.id()).state());
    }

    @Test
    void revoked_identity_cannot_be_unlocked() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = in(s, IdentityState.REVOKED, "nova");
        assertEquals(ErrorKind.AUTH, assertThrows(MemosException.class, () -> s.unlock(i.id(), TestStores.SECRETS)).kind());
    }

    @Test
    void delete_wipes_the_whole_folder_and_keeps_the_tombstone() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = in(s, IdentityState.REVOKED, "nova");
        Files.createDirectories(i.directory().resolve("rings"));
        Files.writeString(i.directory().resolve("rings/ring0.json"), "memory");
        s.delete(i.id(), TestStores.SECRETS);
        assertFalse(Files.exists(i.directory()));
        List<Tombstone> ts = s.tombstones();
        assertEquals(1, ts.size());
        assertEquals(IdentityState.DELETED, ts.get(0).state());
        assertTrue(ts.get(0).revocation() != null);
        assertTrue(s.list().isEmpty());
    }

    @Test
    void tombstoned_id_is_never_regenerated() {
        IdentityInfo first = TestStores.builder(home).random(TestStores.replaying(42)).build()
                .create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityStore s = TestStores.store(home);
        s.revoke(first.id(), TestStores.SECRETS);
        s.delete(first.id(), TestStores.SECRETS);
        // Same random stream: the first candidate is the tombstoned id, which must be skipped.
        IdentityInfo second = TestStores.builder(home).random(TestStores.replaying(42)).build()
                .create("nova", Tier.DEVICE, TestStores.SECRETS);
        assertFalse(first.id().equals(second.id()));
    }

    @Test
    void lifecycle_commands_on_unknown_id_say_so() {
        IdentityStore s = TestStores.store(home);
        MociId ghost = MociId.of("GHOST", "ABCDEF");
        MemosException e = assertThrows(MemosException.class, () -> s.suspend(ghost));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("no identity " + ghost));
    }
}
