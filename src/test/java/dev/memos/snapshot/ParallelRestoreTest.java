package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Restore writes files on several threads: the result is the same tree, and a failure in one worker leaves nothing. */
class ParallelRestoreTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();

    LocalRepository repo() {
        return LocalRepository.open(tmp.resolve("repo"), true);
    }

    Path manyFiles() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int d = 0; d < 10; d++) {
            Path dir = Files.createDirectories(in.resolve("d" + d));
            for (int i = 0; i < 30; i++) {
                Files.write(dir.resolve("f" + i), SnapFixtures.random(d * 100L + i, 1_000 + 997 * i));
            }
        }
        SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo()).build().run(in);
        return in;
    }

    @Test
    void three_hundred_files_restore_byte_for_byte_on_several_threads() throws IOException {
        Path in = manyFiles();
        SnapshotRestore.Result r = new SnapshotRestore(keys, repo()).restore(Snapshots.latest(repo(), keys).orElseThrow(),
                tmp.resolve("out"), false);
        assertEquals(300, r.files());
        assertTrue(r.packsRead() >= 1);
        try (Stream<Path> s = Files.walk(in)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(tmp.resolve("out").resolve(in.relativize(p).toString())));
            }
        }
    }

    @Test
    void one_tampered_blob_among_many_fails_with_integrity_and_leaves_no_staging_folder() throws IOException {
        manyFiles();
        try (Stream<Path> s = Files.walk(tmp.resolve("repo/packs"))) {
            Path pack = s.filter(Files::isRegularFile).findFirst().orElseThrow();
            byte[] b = Files.readAllBytes(pack);
            b[b.length / 2] ^= 1; // a blob in the middle: other workers are busy when it fails
            Files.write(pack, b);
        }
        Path parent = Files.createDirectories(tmp.resolve("dest"));
        MemosException e = assertThrows(MemosException.class, () -> new SnapshotRestore(keys, repo())
                .restore(Snapshots.latest(repo(), keys).orElseThrow(), parent.resolve("out"), false));
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(), s.toList(), "no partial destination or staging folder left");
        }
    }
}
