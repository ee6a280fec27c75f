package dev.memos.app.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ls and diff over a local repository, and every way a SNAPSHOT argument can fail to name one snapshot. */
class SnapshotBrowserTest {
    static final EthPrivateKey KEY = EthPrivateKey.parse("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    @TempDir
    Path tmp;
    Path in;
    LocalRepository repo;
    SnapshotResult first;
    SnapshotResult second;

    SnapshotResult backup() throws IOException {
        try (SnapshotKeys keys = SnapshotKeys.derive(KEY)) {
            return SnapshotBackup.builder().keys(keys).signer(EthSigner.of(KEY)).repository(repo)
                    .cacheFile(tmp.resolve("cache.json")).build().run(in);
        }
    }

    SnapshotBrowser browser() {
        return SnapshotBrowser.builder().key(KEY).repository(repo).build();
    }

    @BeforeEach
    void twoSnapshots() throws IOException {
        in = Files.createDirectories(tmp.resolve("in/notes/deep"));
        in = tmp.resolve("in");
        Files.writeString(in.resolve("notes/a.md"), "alpha");
        Files.writeString(in.resolve("notes/deep/b.md"), "beta");
        Files.writeString(in.resolve("gone.txt"), "bye");
        Files.writeString(in.resolve("mode.sh"), "#!/bin/sh");
        repo = LocalRepository.open(tmp.resolve("repo"), true);
        first = backup();
        Files.writeString(in.resolve("notes/a.md"), "alpha, longer");
        Files.delete(in.resolve("gone.txt"));
        Files.writeString(in.resolve("new.txt"), "fresh!");
        Files.setPosixFilePermissions(in.resolve("mode.sh"), PosixFilePermissions.fromString("rwx------"));
        second = backup();
    }

    @Test
    void ls_lists_the_whole_tree_or_the_part_under_a_path() {
        SnapshotBrowser.LsResult all = browser().ls(new SnapshotBrowser.LsRequest("latest", null));
        assertEquals(second.snapshotId(), all.snapshotId());
        assertEquals(List.of("mode.sh", "new.txt", "notes", "notes/a.md", "notes/deep", "notes/deep/b.md"),
                all.entries().stream().map(SnapshotBrowser.Item::path).toList());
        SnapshotBrowser.LsResult part = browser().ls(new SnapshotBrowser.LsRequest("1", "/notes/deep/"));
        assertEquals(first.snapshotId(), part.snapshotId());
        assertEquals(List.of("notes/deep", "notes/deep/b.md"), part.entries().stream().map(SnapshotBrowser.Item::path).toList());
        assertEquals(4, part.entries().get(1).size());
    }

    @Test
    void a_snapshot_is_named_by_id_by_unique_prefix_or_by_sequence() {
        assertEquals(1, browser().ls(new SnapshotBrowser.LsRequest(first.snapshotId(), null)).sequence());
        assertEquals(1, browser().ls(new SnapshotBrowser.LsRequest(first.snapshotId().substring(0, 12).toUpperCase(), null)).sequence());
        assertEquals(2, browser().ls(new SnapshotBrowser.LsRequest("2", null)).sequence());
    }

    @Test
    void diff_reports_added_removed_and_changed_paths_with_sizes() {
        SnapshotBrowser.DiffResult d = browser().diff(new SnapshotBrowser.DiffRequest("1", "latest"));
        assertEquals(List.of(new SnapshotBrowser.Change("new.txt", "file", null, 6L, "added")), d.added());
        assertEquals(List.of(new SnapshotBrowser.Change("gone.txt", "file", 3L, null, "removed")), d.removed());
        assertEquals(List.of(new SnapshotBrowser.Change("mode.sh", "file", 9L, 9L, "mode"),
                new SnapshotBrowser.Change("notes/a.md", "file", 5L, 13L, "content")), d.changed());
        assertEquals(6, d.addedBytes());
        assertEquals(3, d.removedBytes());
        SnapshotBrowser.DiffResult same = browser().diff(new SnapshotBrowser.DiffRequest("2", "2"));
        assertTrue(same.added().isEmpty() && same.removed().isEmpty() && same.changed().isEmpty());
    }

    static MemosException usage(Runnable r) {
        MemosException e = assertThrows(MemosException.class, r::run);
        assertEquals(ErrorKind.USAGE, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void an_unknown_snapshot_is_a_usage_error_naming_it() {
        assertTrue(usage(() -> browser().ls(new SnapshotBrowser.LsRequest("7", null))).getMessage().startsWith("no snapshot with sequence 7"));
        assertTrue(usage(() -> browser().ls(new SnapshotBrowser.LsRequest("ffffffff", null))).getMessage().startsWith("no snapshot ffffffff"));
        assertTrue(usage(() -> browser().ls(new SnapshotBrowser.LsRequest("abc", null))).getMessage().contains("is not an id"));
        assertTrue(usage(() -> browser().ls(new SnapshotBrowser.LsRequest("../../etc", null))).getMessage().contains("is not an id"));
        assertTrue(usage(() -> browser().ls(new SnapshotBrowser.LsRequest("1", "nothere"))).getMessage().startsWith("no path nothere"));
    }

    @Test
    void an_ambiguous_prefix_lists_the_candidates_instead_of_picking_one() throws IOException {
        // Copies of one snapshot under ids sharing a prefix: the resolver only looks at names here.
        byte[] bytes = Files.readAllBytes(tmp.resolve("repo/snapshots").resolve(first.snapshotId()));
        String a = "abcd" + "0".repeat(60);
        String b = "abcd" + "1".repeat(60);
        Files.write(tmp.resolve("repo/snapshots").resolve(a), bytes);
        Files.write(tmp.resolve("repo/snapshots").resolve(b), bytes);
        MemosException e = usage(() -> browser().ls(new SnapshotBrowser.LsRequest("abcd", null)));
        assertTrue(e.getMessage().startsWith("snapshot prefix abcd is ambiguous: it matches 2 snapshots (abcd000000000000, abcd111111111111)"),
                e.getMessage());
    }

    @Test
    void a_tampered_snapshot_is_an_integrity_failure() throws IOException {
        Path f = tmp.resolve("repo/snapshots").resolve(first.snapshotId());
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 3] ^= 1;
        Files.write(f, bytes);
        MemosException e = assertThrows(MemosException.class, () -> browser().ls(new SnapshotBrowser.LsRequest(first.snapshotId(), null)));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }
}
