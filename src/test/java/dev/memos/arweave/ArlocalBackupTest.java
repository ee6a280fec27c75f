package dev.memos.arweave;

import dev.memos.app.backup.BundleBackups;
import dev.memos.app.backup.BundleRestores;
import dev.memos.app.backup.BackupState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.backup.BundlePacker;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore --latest in process against arlocal, including candidates that must be rejected. */
@org.junit.jupiter.api.Tag("arlocal")
class ArlocalBackupTest {
    @TempDir
    Path dir;
    EthPrivateKey key;
    MemosHome home;
    Network network;
    Path tree;

    @BeforeEach
    void setUp() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x22;
        key = EthPrivateKey.fromBytes(k);
        home = MemosHome.at(dir.resolve("home")).ensure();
        network = new Network(Profile.local(Devnet.url()), Retry.DEFAULT);
        tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("a.txt"), "one");
    }

    Uploader uploader() {
        return new DevnetBundleUploader(network.node(), EthSigner.of(key),
                DevnetBundleUploader.devnetWallet(home.resolve("devnet-wallet.json")), Retry.DEFAULT, new BackupState(home).workDir());
    }

    BundleBackups backup() {
        return BundleBackups.builder().home(home).key(key).uploader(uploader()).downloader(network.downloader()).clock(Clock.systemUTC())
                .txIdsFile(home.resolve("completion/txids")).build();
    }

    BundleRestores restore() {
        return BundleRestores.builder().home(home).key(key).network(network).owners(List.of(JwkWallet.addressOf(key.publicKey())))
                .txIdsFile(home.resolve("completion/txids")).build();
    }

    @Test
    void lost_home_continues_the_chain_found_on_the_network_instead_of_restarting_at_one() throws Exception {
        assertTrue(restore().adoptChainHead().isEmpty(), "a new address has no chain to continue");
        assertEquals(1, backup().backup(tree, false, false).sequence());
        Files.writeString(tree.resolve("a.txt"), "two");
        BundleBackups.Result second = backup().backup(tree, false, false);
        assertEquals(2, second.sequence());
        // The home is lost: a fresh one must learn sequence 2 from the network before packing.
        home = MemosHome.at(dir.resolve("home-2")).ensure();
        assertEquals(2, restore().adoptChainHead().orElseThrow().sequence());
        Files.writeString(tree.resolve("a.txt"), "three");
        assertEquals(3, backup().backup(tree, false, false).sequence());
        // and an older backup is a rollback there too
        MemosException e = assertThrows(MemosException.class,
                () -> restore().restore(second.txId(), dir.resolve("out"), false, false));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void dry_run_and_skip_record_nothing_and_force_uploads_again() {
        BundleBackups.Result dry = backup().backup(tree, true, false);
        assertEquals("dry-run", dry.outcome());
        assertNull(dry.txId());
        assertTrue(RollbackIndex.forHome(home).latest(key.address().checksummed()).isEmpty());
        BundleBackups.Result first = backup().backup(tree, false, false);
        assertEquals("uploaded", first.outcome());
        assertEquals(1, first.sequence());
        BundleBackups.Result skipped = backup().backup(tree, false, false);
        assertEquals("unchanged", skipped.outcome());
        assertEquals(first.txId(), skipped.txId());
        assertEquals(1, RollbackIndex.forHome(home).latest(key.address().checksummed()).orElseThrow().sequence());
        BundleBackups.Result forced = backup().backup(tree, false, true);
        assertEquals("uploaded", forced.outcome());
        assertEquals(2, forced.sequence());
        assertNotEquals(first.txId(), forced.txId());
    }

    @Test
    void restore_latest_ignores_lying_tags_and_bundles_of_other_keys() throws Exception {
        BundleBackups.Result real = backup().backup(tree, false, false);
        // Junk signed by our key, tagged like a newer backup: the index offers it, verification refuses it.
        Path junk = dir.resolve("junk");
        Files.write(junk, Vectors.det(5000, "junk"));
        uploader().upload(junk, List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", "1"), new Tag("Unix-Time", "9999999999")));
        // A real bundle of another key with a higher sequence, uploaded under our owner.
        EthPrivateKey other = EthPrivateKey.parse("99".repeat(32));
        Path foreign = dir.resolve("foreign.bundle");
        RollbackIndex otherIndex = RollbackIndex.at(dir.resolve("other-index.json"));
        for (int i = 0; i < 3; i++) {
            Files.deleteIfExists(foreign);
            BundlePacker.builder().key(other).rollbackIndex(otherIndex).build().pack(tree, foreign);
        }
        uploader().upload(foreign, List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", "1"), new Tag("Unix-Time", "9999999998")));
        Path out = dir.resolve("restored");
        BundleRestores.Outcome o = restore().restoreLatest(out, false, false);
        assertEquals(real.txId(), o.txId());
        assertEquals(3, o.candidates());
        assertEquals(2, o.rejected().size());
        assertEquals("one", Files.readString(out.resolve("a.txt")));
    }

    @Test
    void restore_of_an_id_that_is_not_a_backup_is_refused() throws Exception {
        Path junk = dir.resolve("junk");
        Files.write(junk, Vectors.det(3000, "junk2"));
        String id = uploader().upload(junk, List.of(new Tag("App-Name", "MEMOS-OTHER"))).id();
        MemosException e = assertThrows(MemosException.class, () -> restore().restore(id, dir.resolve("o"), false, false));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(Files.notExists(dir.resolve("o")));
    }

    @Test
    void restore_latest_without_backups_says_so() {
        MemosException e = assertThrows(MemosException.class, () -> restore().restoreLatest(dir.resolve("o"), false, false));
        assertEquals(ErrorKind.USAGE, e.kind());
    }
}
