package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reserved .memos-identities entry (FORMAT.md §14.10): carried and read back, never restored into --out, refused as input. */
class SnapshotAttachmentTest {
    @TempDir
    Path tmp;

    @Test
    void attachment_is_read_back_verified_and_never_written_into_the_destination() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.md"), "memory\n");
        byte[] archive = SnapFixtures.random(7, 300_000);
        LocalRepository repo = LocalRepository.open(tmp.resolve("repo"), true);
        try (SnapshotKeys keys = SnapFixtures.keys()) {
            SnapshotResult r = SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo)
                    .attach("home.moci", archive).build().run(in);
            Snapshots.Listed s = Snapshots.latest(repo, keys).orElseThrow();
            assertEquals(r.snapshotId(), s.id());
            assertEquals(1, r.files(), "the attachment is not counted as a file of the folder");
            assertArrayEquals(archive, new SnapshotRestore(keys, repo).readAttached(s.snapshot(), "home.moci").orElseThrow());
            assertTrue(new SnapshotRestore(keys, repo).readAttached(s.snapshot(), "other").isEmpty());
            Path out = tmp.resolve("out");
            SnapshotRestore.Result res = new SnapshotRestore(keys, repo).restore(s, out, false);
            assertEquals(1, res.files(), "only the folder's own file counts");
            assertFalse(Files.exists(out.resolve(Snapshots.RESERVED)));
            assertEquals("memory\n", Files.readString(out.resolve("a.md")));
        }
    }

    @Test
    void rejects_a_backed_up_folder_that_uses_the_reserved_name() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in").resolve(Snapshots.RESERVED));
        LocalRepository repo = LocalRepository.open(tmp.resolve("repo"), true);
        try (SnapshotKeys keys = SnapFixtures.keys()) {
            MemosException e = assertThrows(MemosException.class, () -> SnapshotBackup.builder().keys(keys)
                    .signer(SnapFixtures.signer()).repository(repo).build().run(in.getParent()));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("reserved"), e.getMessage());
            assertTrue(repo.snapshotIds().isEmpty(), "nothing stored");
        }
    }
}
