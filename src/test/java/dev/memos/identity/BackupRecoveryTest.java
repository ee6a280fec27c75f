package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRecoveryTest {
    @TempDir
    Path home;

    @Test
    void recovers_truncated_main_file_from_backup_and_reports_it() throws Exception {
        TestStores.Events events = new TestStores.Events();
        IdentityStore s = TestStores.store(home, events);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Path main = i.directory().resolve("identity.json");
        byte[] good = Files.readAllBytes(main);
        Files.write(main, java.util.Arrays.copyOf(good, good.length / 2));
        assertEquals(i.id(), s.require(i.id()).id());
        assertTrue(events.log.stream().anyMatch(l -> l.startsWith("recovered " + i.id())), events.log.toString());
        assertArrayEquals(good, Files.readAllBytes(main));
    }

    @Test
    void recovers_every_single_byte_flip_of_the_main_file() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Path main = i.directory().resolve("identity.json");
        byte[] good = Files.readAllBytes(main);
        for (int pos = 0; pos < good.length; pos++) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x20;
            Files.write(main, bad);
            IdentityInfo loaded = s.require(i.id());
            assertArrayEquals(i.publicKey(), loaded.publicKey());
            assertArrayEquals(good, Files.readAllBytes(main), "not repaired after flip at " + pos);
        }
        try (UnlockedIdentity u = s.unlock(i.id(), TestStores.SECRETS)) {
            assertArrayEquals(i.publicKey(), u.signer().publicKey());
        }
    }

    @Test
    void recovers_deleted_main_file() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Files.delete(i.directory().resolve("identity.json"));
        assertEquals(IdentityState.ACTIVE, s.require(i.id()).state());
        assertTrue(Files.exists(i.directory().resolve("identity.json")));
    }

    @Test
    void newer_copy_wins_so_a_state_change_is_not_rolled_back() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Path main = i.directory().resolve("identity.json");
        byte[] active = Files.readAllBytes(main);
        s.suspend(i.id());
        // Simulate a crash between writing the backup (suspended) and the main file (still active).
        Files.write(main, active);
        assertEquals(IdentityState.SUSPENDED, s.require(i.id()).state());
    }

    @Test
    void rejects_when_both_copies_are_damaged() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        Files.writeString(i.directory().resolve("identity.json"), "{}");
        Files.writeString(i.directory().resolve("identity.json.bak"), "garbage");
        MemosException e = assertThrows(MemosException.class, () -> s.require(i.id()));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void list_skips_an_identity_damaged_beyond_repair_and_reports_it() throws Exception {
        TestStores.Events events = new TestStores.Events();
        IdentityStore s = TestStores.store(home, new IdentityEvents() {
            @Override
            public void damaged(MociId id, String reason) {
                events.log.add("damaged " + id);
            }
        });
        IdentityInfo bad = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        IdentityInfo good = s.create("apex", Tier.DEVICE, TestStores.SECRETS);
        Files.writeString(bad.directory().resolve("identity.json"), "{}");
        Files.writeString(bad.directory().resolve("identity.json.bak"), "{}");
        assertEquals(java.util.List.of(good.id()), s.list().stream().map(IdentityInfo::id).toList());
        assertEquals(java.util.List.of("damaged " + bad.id()), events.log);
    }

    @Test
    void recovers_corrupted_tombstone_list_from_backup() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        s.revoke(i.id(), TestStores.SECRETS);
        Files.writeString(home.resolve("identities/tombstones.json"), "xx");
        assertTrue(s.isTombstoned(i.id()));
    }
}
