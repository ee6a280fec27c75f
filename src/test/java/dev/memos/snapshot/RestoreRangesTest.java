package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore reads each needed pack in few coalesced ranges: request count and bytes, counted as a gateway sees them. */
class RestoreRangesTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();

    /** The tree of SnapFixtures backed up, its snapshot read; the counters start at zero. */
    record Backed(Path in, CountingRepository repo, Snapshots.Listed listed) {
    }

    Backed backedUpTree() throws IOException {
        Path in = SnapFixtures.tree(tmp.resolve("in"));
        CountingRepository repo = backup(in);
        Snapshots.Listed l = Snapshots.latest(repo, keys).orElseThrow();
        repo.reset();
        return new Backed(in, repo, l);
    }

    CountingRepository backup(Path in) throws IOException {
        CountingRepository repo = new CountingRepository(LocalRepository.open(tmp.resolve("repo"), true));
        SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo).build().run(in);
        repo.reset();
        return repo;
    }

    static long blobBytes(Snapshot s, List<TreeEntry> entries) {
        return entries.stream().flatMap(e -> e.chunks().stream()).distinct().mapToLong(id -> s.index().get(id).length()).sum();
    }

    @Test
    void a_full_restore_reads_each_pack_in_one_request_and_at_most_a_tenth_more_than_its_blobs() throws IOException {
        Backed b = backedUpTree();
        Path in = b.in();
        CountingRepository repo = b.repo();
        Snapshots.Listed l = b.listed();
        SnapshotRestore.Result r = new SnapshotRestore(keys, repo).restore(l, tmp.resolve("out"), false);
        assertEquals(r.packsRead(), repo.packRequests.get(), "one request per pack, not one per blob");
        long needed = blobBytes(l.snapshot(), l.snapshot().tree());
        assertTrue(repo.bytesRead.get() <= needed * 1.1, repo.bytesRead.get() + " read for " + needed + " of blobs");
        SnapshotEngineTest.assertSameTree(in, tmp.resolve("out"));
    }

    @Test
    void an_include_restore_reads_only_the_ranges_of_what_it_restores() throws IOException {
        Backed b = backedUpTree();
        Path in = b.in();
        CountingRepository repo = b.repo();
        Snapshots.Listed l = b.listed();
        new SnapshotRestore(keys, repo).restore(l, tmp.resolve("out"), false, PathFilter.ofOption("include", List.of("notes/n5.md")));
        TreeEntry e = l.snapshot().tree().stream().filter(t -> t.path().equals("notes/n5.md")).findFirst().orElseThrow();
        long needed = blobBytes(l.snapshot(), List.of(e));
        assertTrue(repo.packRequests.get() <= 2, "the header and the blob: " + repo.packRequests.get());
        assertTrue(repo.bytesRead.get() <= needed + ObjectHeader.LENGTH + needed / 16, repo.bytesRead.get() + " for " + needed);
        assertArrayEquals(Files.readAllBytes(in.resolve("notes/n5.md")), Files.readAllBytes(tmp.resolve("out/notes/n5.md")));
    }

    @Test
    void a_chunk_shared_by_two_files_is_read_once_and_written_to_both() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] same = SnapFixtures.text(3, 300_000);
        Files.write(in.resolve("a.md"), same);
        Files.write(in.resolve("b.md"), same);
        CountingRepository repo = backup(in);
        Snapshots.Listed l = Snapshots.latest(repo, keys).orElseThrow();
        repo.reset();
        new SnapshotRestore(keys, repo).restore(l, tmp.resolve("out"), false);
        assertEquals(1, repo.packRequests.get());
        assertTrue(repo.bytesRead.get() <= blobBytes(l.snapshot(), l.snapshot().tree()) + ObjectHeader.LENGTH);
        assertArrayEquals(same, Files.readAllBytes(tmp.resolve("out/a.md")));
        assertArrayEquals(same, Files.readAllBytes(tmp.resolve("out/b.md")));
    }

    static BlobRef blob(long offset, int length) {
        return new BlobRef("00".repeat(32), "11".repeat(32), offset, length, length);
    }

    @Test
    void a_gap_is_read_through_only_while_it_stays_within_a_sixteenth_of_the_range() {
        // header [0,76) + blob at 76: one range; a 100-byte gap after 1 600 useful bytes: read through;
        // a 10 000-byte gap: a new range
        List<RestoreWorkers.Range> p = RestoreWorkers.plan(List.of(blob(76, 1_524), blob(1_700, 1_000), blob(12_700, 500)));
        assertEquals(2, p.size(), p.toString());
        assertEquals(0, p.get(0).start());
        assertEquals(2_700, p.get(0).end());
        assertEquals(2, p.get(0).blobs().size());
        assertEquals(12_700, p.get(1).start());
        assertEquals(13_200, p.get(1).end());
    }

    @Test
    void a_pack_whose_first_needed_blob_is_far_gets_a_header_read_of_its_own() {
        List<RestoreWorkers.Range> p = RestoreWorkers.plan(List.of(blob(50_000, 100)));
        assertEquals(List.of(0L, 50_000L), p.stream().map(RestoreWorkers.Range::start).toList());
        assertEquals(ObjectHeader.LENGTH, p.get(0).end());
        assertEquals(List.of(), p.get(0).blobs());
    }
}
