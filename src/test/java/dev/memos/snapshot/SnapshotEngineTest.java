package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore through a local repository: round trip, dedup, and every refusal. */
class SnapshotEngineTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();

    LocalRepository repo() {
        return LocalRepository.open(tmp.resolve("repo"), true);
    }

    SnapshotResult backup(Path in) throws IOException {
        return SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo())
                .cacheFile(tmp.resolve("home/cache.json")).build().run(in);
    }

    SnapshotRestore.Result restoreLatest(Path out) throws IOException {
        return new SnapshotRestore(keys, repo()).restore(Snapshots.latest(repo(), keys).orElseThrow(), out, false);
    }

    static void assertSameTree(Path a, Path b) throws IOException {
        try (Stream<Path> s = Files.walk(a)) {
            for (Path p : s.toList()) {
                Path q = b.resolve(a.relativize(p).toString());
                assertTrue(Files.exists(q), "missing " + q);
                if (Files.isRegularFile(p)) {
                    assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(q), p.toString());
                    assertEquals(Files.getPosixFilePermissions(p), Files.getPosixFilePermissions(q), p.toString());
                    assertEquals(Files.getLastModifiedTime(p).toMillis() / 1000, Files.getLastModifiedTime(q).toMillis() / 1000);
                }
            }
        }
        try (Stream<Path> s = Files.walk(b)) {
            assertEquals(Files.walk(a).count(), s.count(), "same number of entries");
        }
    }

    @Test
    void a_backup_restores_byte_for_byte_with_modes_and_mtimes() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        Files.setPosixFilePermissions(in.resolve("notes/n3.md"), PosixFilePermissions.fromString("r--------"));
        SnapshotResult r = backup(in);
        assertEquals(1, r.sequence());
        assertEquals(23, r.files());
        SnapshotRestore.Result res = restoreLatest(tmp.resolve("out"));
        assertEquals(r.snapshotId(), res.snapshotId());
        assertSameTree(in, tmp.resolve("out"));
    }

    @Test
    void a_second_backup_of_an_unchanged_tree_stores_no_new_chunk_and_reads_no_file() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        SnapshotResult first = backup(in);
        SnapshotResult second = backup(in);
        assertEquals(2, second.sequence());
        assertEquals(0, second.newBytes());
        assertEquals(0, second.packsWritten());
        assertEquals(0, second.filesRead(), "the cache made every unchanged file cost a stat");
        assertTrue(second.storedBytes() < first.storedBytes() / 50, "only the snapshot object: " + second.storedBytes());
        Snapshot s2 = Snapshots.latest(repo(), keys).orElseThrow().snapshot();
        assertEquals(Snapshots.all(repo(), keys).get(0).snapshot().sha256(), s2.previousSha256(), "hash chain");
    }

    @Test
    void a_one_percent_change_stores_little() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        SnapshotResult first = backup(in);
        Files.write(in.resolve("notes/deep/index.json"), "appended line\n".getBytes(), StandardOpenOption.APPEND);
        Files.write(in.resolve("vectors.f32"), "tail".getBytes(), StandardOpenOption.APPEND);
        Files.write(in.resolve("new.md"), "a new note".getBytes());
        SnapshotResult second = backup(in);
        assertEquals(3, second.filesRead());
        assertTrue(second.newBytes() <= 2L * 1024 * 1024 + 100, "at most the last chunk of each grown file: " + second.newBytes());
        assertTrue(second.storedBytes() < first.storedBytes() / 2, second + " vs " + first);
        restoreLatest(tmp.resolve("out"));
        assertSameTree(in, tmp.resolve("out"));
    }

    @Test
    void a_missing_pack_is_named_with_the_files_it_breaks_and_nothing_is_written() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        backup(in);
        Path pack;
        try (Stream<Path> s = Files.walk(tmp.resolve("repo/packs"))) {
            pack = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(pack);
        Path out = tmp.resolve("out");
        MemosException e = assertThrows(MemosException.class, () -> restoreLatest(out));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(e.getMessage().contains(pack.getFileName().toString().substring(0, 12)), e.getMessage());
        assertTrue(e.getMessage().contains("cannot restore") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("memos-restore")), "no staging left");
        }
    }

    @Test
    void a_tampered_pack_fails_restore_with_integrity_and_leaves_the_old_destination() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        backup(in);
        try (Stream<Path> s = Files.walk(tmp.resolve("repo/packs"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                b[200] ^= 1;
                Files.write(p, b);
            }
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "old");
        MemosException e = assertThrows(MemosException.class,
                () -> new SnapshotRestore(keys, repo()).restore(Snapshots.latest(repo(), keys).orElseThrow(), out, true));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        assertEquals("old", Files.readString(out.resolve("keep.txt")));
        assertEquals(1, Files.list(out).count());
    }

    @Test
    void a_tampered_snapshot_file_is_refused() throws IOException {
        backup(SnapFixtures.tree(tmp.resolve("in")));
        Path snap;
        try (Stream<Path> s = Files.list(tmp.resolve("repo/snapshots"))) {
            snap = s.findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(snap);
        b[b.length - 20] ^= 1;
        Files.write(snap, b);
        MemosException e = assertThrows(MemosException.class, () -> Snapshots.latest(repo(), keys));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void a_repository_of_another_key_is_refused_not_mixed_in() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        try (var other = SnapFixtures.other()) {
            SnapshotBackup.builder().keys(SnapshotKeys.derive(other)).signer(EthSigner.of(other)).repository(repo()).build().run(in);
        }
        MemosException e = assertThrows(MemosException.class, () -> Snapshots.latest(repo(), keys));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains("another key"), e.getMessage());
    }

    @Test
    void a_forged_cache_entry_is_ignored_and_the_file_is_read() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        backup(in);
        Path cache = tmp.resolve("home/cache.json");
        String forged = Files.readString(cache).replaceFirst("\"empty.txt\":\\[0,", "\"empty.txt\":[1,");
        Files.writeString(cache, forged);
        SnapshotResult second = backup(in);
        assertEquals(23, second.filesRead(), "a cache that fails its MAC counts as no cache");
        assertEquals(0, second.newBytes());
    }

    @Test
    void the_sequence_continues_after_what_the_home_knows() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        String bundleHash = "ab".repeat(32);
        SnapshotResult r = SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo())
                .known(7, bundleHash).build().run(in);
        assertEquals(8, r.sequence());
        assertEquals(bundleHash, Snapshots.byId(repo(), keys, r.snapshotId()).snapshot().previousSha256());
    }

    @Test
    void symlinks_are_not_stored() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("link"), Path.of("/etc/passwd"));
        backup(in);
        List<TreeEntry> tree = Snapshots.latest(repo(), keys).orElseThrow().snapshot().tree();
        assertTrue(tree.stream().noneMatch(t -> t.path().equals("link")));
    }
}
