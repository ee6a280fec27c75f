package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --exclude and .memosignore on backup, --include on restore, through the engine. */
class SnapshotFilterTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();

    LocalRepository repo() {
        return LocalRepository.open(tmp.resolve("repo"), true);
    }

    SnapshotResult backup(Path in, PathFilter exclude) throws IOException {
        return SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo())
                .cacheFile(tmp.resolve("home/cache.json")).exclude(exclude).build().run(in);
    }

    List<String> paths(Snapshot s) {
        return s.tree().stream().map(TreeEntry::path).toList();
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void exclude_and_memosignore_leave_paths_out_and_prune_folders() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        Files.createDirectories(in.resolve("cache/sub"));
        Files.writeString(in.resolve("cache/sub/big.bin"), "x");
        Files.writeString(in.resolve("notes/scratch.tmp"), "t");
        Files.writeString(in.resolve(".memosignore"), "# scratch\n*.tmp\n");
        SnapshotResult r = backup(in, PathFilter.ofOption("exclude", List.of("/cache/", "vectors.f32")));
        Snapshot s = Snapshots.byId(repo(), keys, r.snapshotId()).snapshot();
        List<String> p = paths(s);
        assertFalse(p.contains("cache"), p.toString());
        assertFalse(p.contains("cache/sub/big.bin"));
        assertFalse(p.contains("notes/scratch.tmp"));
        assertFalse(p.contains("vectors.f32"));
        assertTrue(p.contains("notes/n1.md"));
        assertTrue(p.contains(".memosignore"), "the ignore file itself is kept, like .gitignore");
    }

    @Test
    void a_bad_memosignore_fails_before_anything_is_stored() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        Files.writeString(in.resolve(".memosignore"), "ok\n[oops\n");
        MemosException e = assertThrows(MemosException.class, () -> backup(in, PathFilter.none()));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().endsWith(".memosignore line 2: unclosed '[' at column 1 in '[oops'"), e.getMessage());
        assertTrue(repo().snapshotIds().isEmpty());
        try (Stream<Path> packs = Files.walk(tmp.resolve("repo/packs"))) {
            assertEquals(0, packs.filter(Files::isRegularFile).count(), "no pack written");
        }
    }

    @Test
    void restore_include_restores_only_the_selected_paths_with_their_folders() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        backup(in, PathFilter.none());
        Snapshots.Listed l = Snapshots.latest(repo(), keys).orElseThrow();
        SnapshotRestore.Result r = new SnapshotRestore(keys, repo()).restore(l, tmp.resolve("out"), false,
                PathFilter.ofOption("include", List.of("deep", "n1?.md")));
        List<String> got = files(tmp.resolve("out"));
        assertEquals(List.of("notes/deep/index.json", "notes/n10.md", "notes/n11.md", "notes/n12.md", "notes/n13.md",
                "notes/n14.md", "notes/n15.md", "notes/n16.md", "notes/n17.md", "notes/n18.md", "notes/n19.md"), got);
        assertEquals(11, r.files());
        assertEquals(Files.readString(in.resolve("notes/n12.md")), Files.readString(tmp.resolve("out/notes/n12.md")));
    }

    @Test
    void restore_include_that_matches_nothing_writes_nothing() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        backup(in, PathFilter.none());
        Snapshots.Listed l = Snapshots.latest(repo(), keys).orElseThrow();
        MemosException e = assertThrows(MemosException.class, () -> new SnapshotRestore(keys, repo()).restore(l, tmp.resolve("out"),
                false, PathFilter.ofOption("include", List.of("nothing-*"))));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
