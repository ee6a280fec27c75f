package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel chunk → compress → seal pipeline of a backup writes the same packs and snapshot as one thread. */
class PackPipelineTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();
    Clock clock = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    /** About 8 MiB in 40 files: two packs, compressible and incompressible chunks mixed. */
    Path corpus() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in/sub"));
        for (int i = 0; i < 20; i++) {
            Files.write(in.resolve("note" + i + ".md"), SnapFixtures.text(i, 100_000 + 5_000 * i));
            Files.write(in.resolve("vec" + i + ".f32"), SnapFixtures.random(100 + i, 250_000));
        }
        return tmp.resolve("in");
    }

    SnapshotBackup engine(Repository repo, int workers, String home) {
        return SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo).clock(clock).workers(workers)
                .packSalts(n -> SnapFixtures.random(1_000 + n, 32)).cacheFile(tmp.resolve(home + "/cache.json")).build();
    }

    static Map<String, byte[]> packs(Path repo) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(repo.resolve("packs"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void parallel_backup_writes_the_same_packs_and_snapshot_body_as_serial() throws IOException {
        Path in = corpus();
        LocalRepository serial = LocalRepository.open(tmp.resolve("serial"), true);
        LocalRepository parallel = LocalRepository.open(tmp.resolve("parallel"), true);
        SnapshotResult a = engine(serial, 1, "h1").run(in);
        SnapshotResult b = engine(parallel, 4, "h2").run(in);
        Map<String, byte[]> pa = packs(tmp.resolve("serial"));
        Map<String, byte[]> pb = packs(tmp.resolve("parallel"));
        assertTrue(pa.size() >= 2, "several packs: " + pa.size());
        assertEquals(pa.keySet(), pb.keySet());
        pa.forEach((id, bytes) -> assertArrayEquals(bytes, pb.get(id), id));
        assertEquals(a.snapshotSha256(), b.snapshotSha256(), "same body: tree and index");
        assertEquals(Snapshots.latest(serial, keys).orElseThrow().snapshot().canonicalText(),
                Snapshots.latest(parallel, keys).orElseThrow().snapshot().canonicalText());
        assertEquals(a.newBytes(), b.newBytes());
        assertEquals(a.packsWritten(), b.packsWritten());
    }

    @Test
    void a_pack_the_repository_refuses_fails_the_backup_with_its_error_and_no_snapshot_is_written() throws IOException {
        Path in = corpus();
        LocalRepository real = LocalRepository.open(tmp.resolve("repo"), true);
        MemosException refusal = MemosException.network("the repository refused pack 2", null);
        Repository failing = new CountingRepository(real) {
            int n;

            @Override
            public void putPack(String packId, byte[] bytes) {
                if (++n == 2) {
                    throw refusal;
                }
                super.putPack(packId, bytes);
            }
        };
        MemosException e = assertThrows(MemosException.class, () -> engine(failing, 4, "h").run(in));
        assertSame(refusal, e);
        assertEquals(List.of(), real.snapshotIds());
    }
}
