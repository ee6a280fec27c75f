package dev.memos.app.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.LocalRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check and check --read-data over a repository: present, missing and tampered packs. */
class SnapshotCheckTest {
    @TempDir
    Path dir;

    LocalRepository repo;
    SnapshotBackups.Result first;
    SnapshotBackups.Result second;

    void twoSnapshots() throws Exception {
        repo = LocalRepository.open(dir.resolve("repo"), true);
        Path t = Files.createDirectories(dir.resolve("tree"));
        byte[] big = new byte[1_000_000];
        new Random(5).nextBytes(big);
        Files.write(t.resolve("big.bin"), big);
        SnapshotBackups svc = SnapshotBackups.builder().home(MemosHome.at(dir.resolve("home"))).key(SnapshotBackupsTest.KEY).build();
        first = svc.backup(new SnapshotBackups.Request(t, repo));
        Files.writeString(t.resolve("new.md"), "new");
        second = svc.backup(new SnapshotBackups.Request(t, repo));
    }

    Path bigPack() throws Exception {
        try (Stream<Path> s = Files.walk(dir.resolve("repo/packs"))) {
            return s.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
    }

    @Test
    void a_complete_repository_checks_clean_with_and_without_read_data() throws Exception {
        twoSnapshots();
        SnapshotCheck.Result r = new SnapshotCheck(SnapshotBackupsTest.KEY).run(new SnapshotCheck.Request(repo, true));
        assertEquals(2, r.snapshots());
        assertEquals(2, r.packs());
        assertEquals(2, r.packsRead());
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void check_names_a_missing_pack_and_every_snapshot_it_breaks() throws Exception {
        twoSnapshots();
        Path pack = bigPack();
        Files.delete(pack);
        MemosException e = assertThrows(MemosException.class,
                () -> new SnapshotCheck(SnapshotBackupsTest.KEY).run(new SnapshotCheck.Request(repo, false)));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(e.getMessage().contains(pack.getFileName().toString() + " missing"), e.getMessage());
        assertTrue(e.getMessage().contains(first.snapshotId()) && e.getMessage().contains(second.snapshotId()), e.getMessage());
    }

    @Test
    void check_read_data_finds_a_tampered_pack_that_plain_check_passes() throws Exception {
        twoSnapshots();
        Path pack = bigPack();
        byte[] b = Files.readAllBytes(pack);
        b[5000] ^= 1;
        Files.write(pack, b);
        new SnapshotCheck(SnapshotBackupsTest.KEY).run(new SnapshotCheck.Request(repo, false));
        MemosException e = assertThrows(MemosException.class,
                () -> new SnapshotCheck(SnapshotBackupsTest.KEY).run(new SnapshotCheck.Request(repo, true)));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains(pack.getFileName().toString() + " damaged"), e.getMessage());
    }
}
