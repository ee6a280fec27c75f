package dev.memos.app.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.Snapshot;
import dev.memos.snapshot.SnapshotCodec;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot backup service: crash resume through pending packs, and what a restore refuses. */
class SnapshotBackupsTest {
    static final EthPrivateKey KEY = EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    static final EthPrivateKey OTHER = EthPrivateKey.parse("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");

    @TempDir
    Path dir;

    /** A repository that counts pack writes and can die (throw) instead of writing the snapshot. */
    static final class Flaky implements Repository {
        final Repository inner;
        final AtomicInteger packsPut = new AtomicInteger();
        boolean dieAtSnapshot;

        Flaky(Repository inner) {
            this.inner = inner;
        }

        public boolean hasPack(String id) {
            return inner.hasPack(id);
        }

        public void putPack(String id, byte[] b) {
            packsPut.incrementAndGet();
            inner.putPack(id, b);
        }

        public byte[] readPack(String id) {
            return inner.readPack(id);
        }

        public byte[] readPackRange(String id, long off, int len) {
            return inner.readPackRange(id, off, len);
        }

        public void putSnapshot(String id, byte[] b) {
            if (dieAtSnapshot) {
                throw new IllegalStateException("killed before the snapshot");
            }
            inner.putSnapshot(id, b);
        }

        public List<String> snapshotIds() {
            return inner.snapshotIds();
        }

        public byte[] readSnapshot(String id) {
            return inner.readSnapshot(id);
        }

        public String describe() {
            return inner.describe();
        }
    }

    Path tree() throws Exception {
        Path t = Files.createDirectories(dir.resolve("tree/sub"));
        byte[] big = new byte[3_000_000];
        new Random(3).nextBytes(big);
        Files.write(t.resolve("big.bin"), big);
        Files.writeString(t.resolve("a.md"), "a note");
        return t.getParent();
    }

    SnapshotBackups service(MemosHome home, EthPrivateKey key) {
        return SnapshotBackups.builder().home(home).key(key).build();
    }

    @Test
    void backup_killed_before_its_snapshot_reuses_the_finished_packs_next_time() throws Exception {
        MemosHome home = MemosHome.at(dir.resolve("home"));
        Flaky repo = new Flaky(LocalRepository.open(dir.resolve("repo"), true));
        repo.dieAtSnapshot = true;
        Path t = tree();
        assertThrows(IllegalStateException.class, () -> service(home, KEY).backup(new SnapshotBackups.Request(t, repo)));
        assertEquals(1, repo.packsPut.get());
        assertTrue(repo.snapshotIds().isEmpty(), "no snapshot was published");
        repo.dieAtSnapshot = false;
        repo.packsPut.set(0);
        SnapshotBackups.Result r = service(home, KEY).backup(new SnapshotBackups.Request(t, repo));
        assertEquals(0, repo.packsPut.get(), "the finished pack was not stored again");
        assertEquals(0, r.packsUploaded());
        assertEquals(1, r.resumedPacks());
        assertEquals(1, r.sequence());
        // the pending list is emptied once the snapshot cites the pack
        assertEquals("", Files.readString(SnapshotBackups.pendingFile(home, KEY)));
        Path out = dir.resolve("out");
        new SnapshotRestores(home, KEY).restore(new SnapshotRestores.Request(repo, null, out, false, false));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(t.resolve("sub/big.bin")), Files.readAllBytes(out.resolve("sub/big.bin"))));
    }

    @Test
    void a_pending_pack_that_is_gone_or_altered_is_not_reused() throws Exception {
        MemosHome home = MemosHome.at(dir.resolve("home"));
        Flaky repo = new Flaky(LocalRepository.open(dir.resolve("repo"), true));
        repo.dieAtSnapshot = true;
        Path t = tree();
        assertThrows(IllegalStateException.class, () -> service(home, KEY).backup(new SnapshotBackups.Request(t, repo)));
        String pack = Files.readString(SnapshotBackups.pendingFile(home, KEY)).strip();
        Path p = dir.resolve("repo/packs").resolve(pack.substring(0, 2)).resolve(pack);
        byte[] b = Files.readAllBytes(p);
        b[200] ^= 1;
        Files.write(p, b);
        Files.writeString(SnapshotBackups.pendingFile(home, KEY), pack + "\n" + "ab".repeat(32) + "\n");
        repo.dieAtSnapshot = false;
        SnapshotBackups.Result r = service(home, KEY).backup(new SnapshotBackups.Request(t, repo));
        assertEquals(0, r.resumedPacks());
        assertEquals(1, r.packsUploaded(), "the altered pack's chunks were stored again");
    }

    @Test
    void rejects_snapshot_citing_packs_made_under_another_key() throws Exception {
        MemosHome home = MemosHome.at(dir.resolve("home"));
        LocalRepository repo = LocalRepository.open(dir.resolve("repo"), true);
        Path t = tree();
        service(MemosHome.at(dir.resolve("other-home")), OTHER).backup(new SnapshotBackups.Request(t, repo));
        Snapshot theirs;
        try (SnapshotKeys other = SnapshotKeys.derive(OTHER)) {
            theirs = Snapshots.latest(repo, other).orElseThrow().snapshot();
        }
        LocalRepository mine = LocalRepository.open(dir.resolve("mine"), true);
        try (SnapshotKeys keys = SnapshotKeys.derive(KEY)) {
            Snapshot forged = Snapshot.create(KEY.address().checksummed(), 1, null, "2026-12-03T12:00:00Z", theirs.chunker(),
                    theirs.tree(), theirs.index());
            SnapshotCodec.Encoded enc = SnapshotCodec.write(forged, keys, EthSigner.of(KEY));
            mine.putSnapshot(enc.id(), enc.bytes());
        }
        for (String pack : theirs.index().values().stream().map(r -> r.packId()).distinct().toList()) {
            mine.putPack(pack, repo.readPack(pack));
        }
        Path out = dir.resolve("out");
        MemosException e = assertThrows(MemosException.class,
                () -> new SnapshotRestores(home, KEY).restore(new SnapshotRestores.Request(mine, null, out, false, false)));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void a_fresh_home_adopts_the_newest_bundle_and_continues_after_it() throws Exception {
        MemosHome home = MemosHome.at(dir.resolve("home"));
        LocalRepository repo = LocalRepository.open(dir.resolve("repo"), true);
        String head = "ab".repeat(32);
        // as BundleRestores.adoptChainHead does: it records under the index's own lock
        SnapshotBackups.ChainHead adopt = () -> {
            dev.memos.backup.RollbackIndex idx = dev.memos.backup.RollbackIndex.forHome(home.ensure());
            try (dev.memos.store.HomeLock l = idx.lock()) {
                idx.recordLocked(KEY.address().checksummed(), 5, head);
            }
            return "continuing after backup 5";
        };
        SnapshotBackups.Result r = SnapshotBackups.builder().home(home).key(KEY).chainHead(adopt).build()
                .backup(new SnapshotBackups.Request(tree(), repo));
        assertEquals(6, r.sequence());
        assertTrue(r.warnings().contains("continuing after backup 5"));
        try (SnapshotKeys keys = SnapshotKeys.derive(KEY)) {
            assertEquals(head, Snapshots.latest(repo, keys).orElseThrow().snapshot().previousSha256());
        }
    }

    @Test
    void two_homes_publishing_one_sequence_are_recorded_as_siblings_by_the_next_backup() throws Exception {
        Path t = tree();
        LocalRepository shared = LocalRepository.open(dir.resolve("shared"), true);
        LocalRepository elsewhere = LocalRepository.open(dir.resolve("elsewhere"), true);
        MemosHome a = MemosHome.at(dir.resolve("a"));
        SnapshotBackups.Result first = service(a, KEY).backup(new SnapshotBackups.Request(t, shared));
        Files.writeString(t.resolve("b-only.md"), "home b");
        SnapshotBackups.Result other = service(MemosHome.at(dir.resolve("b")), KEY).backup(new SnapshotBackups.Request(t, elsewhere));
        assertEquals(first.sequence(), other.sequence());
        // home b's objects reach the shared repository: sequence 1 now exists twice
        for (String id : elsewhere.snapshotIds()) {
            shared.putSnapshot(id, elsewhere.readSnapshot(id));
        }
        try (var s = Files.walk(dir.resolve("elsewhere/packs"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                shared.putPack(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        SnapshotBackups.Result next = service(a, KEY).backup(new SnapshotBackups.Request(t, shared));
        assertEquals(2, next.sequence());
        assertTrue(next.warnings().stream().anyMatch(w -> w.contains("forked")), next.warnings().toString());
        try (SnapshotKeys keys = SnapshotKeys.derive(KEY)) {
            Snapshot written = Snapshots.byId(shared, keys, next.snapshotId()).snapshot();
            String newest = first.snapshotId().compareTo(other.snapshotId()) > 0 ? first.snapshotId() : other.snapshotId();
            String sibling = newest.equals(first.snapshotId()) ? other.snapshotId() : first.snapshotId();
            assertEquals(List.of(sibling), written.siblings());
            assertEquals(Snapshots.byId(shared, keys, newest).snapshot().sha256(), written.previousSha256());
        }
    }
}
