package dev.memos.app.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Devnet;
import dev.memos.arweave.DevnetBundleUploader;
import dev.memos.arweave.Network;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Uploader;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.legacy.LegacyUploads;
import dev.memos.backup.legacy.LegacyWriter;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Original-format items uploaded to arlocal as the original does (two type-3 data items signed by
 * the ETH key, tagged as upload.mjs tags them) are found, verified and restored by restore --latest;
 * a decoy with the copied Owner-Hash and a higher Unix-Time, signed by another key, is skipped.
 */
@org.junit.jupiter.api.Tag("arlocal")
class LegacyArlocalTest {
    @TempDir
    Path dir;

    Uploader uploader(EthPrivateKey k, MemosHome home) {
        return new DevnetBundleUploader(Devnet.gateway(), EthSigner.of(k), DevnetBundleUploader.devnetWallet(dir.resolve("w.json")),
                Retry.DEFAULT, new BackupState(home).workDir());
    }

    static LegacyLatest.Request request(Path out, long memosHighest) {
        return new LegacyLatest.Request(out, false, false, () -> memosHighest, List.of());
    }

    String upload(Uploader up, LegacyWriter.Backup b, long unix, String ownerHash) throws Exception {
        return LegacyUploads.upload(up, dir, b, unix, ownerHash);
    }

    @Test
    void restore_latest_finds_the_newest_original_backup_and_skips_a_decoy_with_a_copied_owner_hash() throws Exception {
        EthPrivateKey key = Devnet.freshKey(0x17);
        EthPrivateKey mallory = Devnet.freshKey(0x18);
        MemosHome home = MemosHome.at(dir.resolve("home")).ensure();
        Uploader up = uploader(key, home);
        String ownerHash = dev.memos.backup.legacy.LegacyKeys.ownerHash(key);
        long now = System.currentTimeMillis() / 1000;
        upload(up, LegacyWriter.v2(key, 1, now - 100, Map.of("MEMORY.md", "one\n")), now - 100, ownerHash);
        String newest = upload(up, LegacyWriter.v2(key, 2, now - 50, Map.of("MEMORY.md", "two\n", "notes/é.md", "é\n")), now - 50,
                ownerHash);
        // the decoy: another signer, the public Owner-Hash copied, a later Unix-Time and a higher claimed sequence
        String decoy = upload(uploader(mallory, home), LegacyWriter.v2(mallory, 99, now, Map.of("MEMORY.md", "evil\n")), now + 1000,
                ownerHash);

        Network net = new Network(Profile.local(Devnet.url()), Retry.DEFAULT);
        LegacyDiscovery discovery = new LegacyDiscovery(key, net);
        List<LegacyDiscovery.Found> found = discovery.find();
        assertFalse(found.stream().anyMatch(f -> f.manifestTxId().equals(decoy)), "the decoy is not this key's item");
        assertEquals(List.of(2L, 1L), found.stream().filter(LegacyDiscovery.Found::verified).map(f -> f.manifest().sequence()).toList());

        Path out = dir.resolve("out");
        LegacyLatest.Result r = new LegacyLatest(home, key, discovery).restoreIfNewer(request(out, 0)).orElseThrow();
        assertEquals(newest, r.txId());
        assertEquals("two\n", Files.readString(out.resolve("MEMORY.md")));
        assertEquals("é\n", Files.readString(out.resolve("notes/é.md")));
        assertEquals(2L, RollbackIndex.forHome(home).latest(key.address().checksummed()).orElseThrow().sequence());
        // memos' own chain already at sequence 2: the original's backup is not newer, memos' restore goes on
        assertTrue(new LegacyLatest(home, key, discovery).restoreIfNewer(request(dir.resolve("out2"), 2)).isEmpty());
    }

    @Test
    void a_decoy_that_the_index_lists_under_the_owner_is_rejected_by_its_hmac() throws Exception {
        // Even if an index ignored the owner filter, a manifest not MACed under this key never verifies.
        EthPrivateKey key = Devnet.freshKey(0x19);
        EthPrivateKey mallory = Devnet.freshKey(0x1a);
        LegacyWriter.Backup forged = LegacyWriter.v2(mallory, 5, 1700000000, Map.of("a", "b"));
        String json = new String(forged.manifestJson(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(mallory.address().checksummed(), key.address().checksummed());
        dev.memos.error.MemosException e = org.junit.jupiter.api.Assertions.assertThrows(dev.memos.error.MemosException.class,
                () -> dev.memos.backup.legacy.LegacyOpener.authenticate(
                        dev.memos.backup.legacy.LegacyManifest.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), key));
        assertTrue(e.getMessage().contains("manifest_signature"), e.getMessage());
    }

    @Test
    void migrate_all_stores_each_original_backup_as_a_snapshot_continuing_the_sequence() throws Exception {
        EthPrivateKey key = Devnet.freshKey(0x1b);
        MemosHome home = MemosHome.at(dir.resolve("home")).ensure();
        Uploader up = uploader(key, home);
        String ownerHash = dev.memos.backup.legacy.LegacyKeys.ownerHash(key);
        long now = System.currentTimeMillis() / 1000;
        upload(up, LegacyWriter.v2(key, 1, now - 100, Map.of("MEMORY.md", "one\n")), now - 100, ownerHash);
        // the user's own .memosignore is one of their files: obeying it would drop b/c.md and MEMORY.md silently
        upload(up, LegacyWriter.v2(key, 2, now - 50, Map.of("MEMORY.md", "two\n", "b/c.md", "c\n", ".memosignore", "b/\n*.md\n")),
                now - 50, ownerHash);
        Network net = new Network(Profile.local(Devnet.url()), Retry.DEFAULT);
        dev.memos.snapshot.LocalRepository repo = dev.memos.snapshot.LocalRepository.open(dir.resolve("repo"), true);
        LegacyMigrate migrate = new LegacyMigrate(key, new LegacyDiscovery(key, net), home, java.time.Clock.systemUTC());

        LegacyMigrate.Result dry = migrate.migrate(new LegacyMigrate.Request(true, java.util.Optional.empty(), true), repo);
        assertEquals(List.of(1L, 2L), dry.steps().stream().map(LegacyMigrate.Step::legacySequence).toList());
        assertTrue(repo.snapshotIds().isEmpty(), "a dry run stores nothing");

        LegacyMigrate.Result r = migrate.migrate(new LegacyMigrate.Request(true, java.util.Optional.empty(), false), repo);
        assertEquals(List.of(3L, 4L), r.steps().stream().map(LegacyMigrate.Step::snapshotSequence).toList());
        try (dev.memos.snapshot.SnapshotKeys keys = dev.memos.snapshot.SnapshotKeys.derive(key)) {
            dev.memos.snapshot.Snapshots.Listed latest = dev.memos.snapshot.Snapshots.latest(repo, keys).orElseThrow();
            assertEquals(4L, latest.snapshot().sequence());
            Path out = dir.resolve("restored");
            new dev.memos.snapshot.SnapshotRestore(keys, repo).restore(latest, out, false);
            assertEquals("two\n", Files.readString(out.resolve("MEMORY.md")));
            assertEquals("c\n", Files.readString(out.resolve("b/c.md")));
            assertEquals("b/\n*.md\n", Files.readString(out.resolve(".memosignore")));
        }
        assertEquals(4L, RollbackIndex.forHome(home).latest(key.address().checksummed()).orElseThrow().sequence());

        // a second run finds both in the journal and in the repository: nothing stored, nothing skipped silently
        LegacyMigrate.Result again = migrate.migrate(new LegacyMigrate.Request(true, java.util.Optional.empty(), false), repo);
        assertEquals(List.of(LegacyMigrate.ALREADY, LegacyMigrate.ALREADY), again.steps().stream().map(LegacyMigrate.Step::status).toList());
        assertEquals(2, repo.snapshotIds().size());
        assertEquals(0L, again.bytesToStore());
    }
}
