package dev.memos.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified-snapshot catalog (FORMAT.md §14.8): a backup or restore reads the newest snapshot, not the chain. */
class SnapshotCatalogTest {
    @TempDir
    Path tmp;

    SnapshotKeys keys = SnapFixtures.keys();
    CountingRepository repo;
    Path in;
    Path catalog;

    @BeforeEach
    void fourBackups() throws IOException {
        repo = new CountingRepository(LocalRepository.open(tmp.resolve("repo"), true));
        in = Files.createDirectories(tmp.resolve("in"));
        catalog = tmp.resolve("home/snapshots.json");
        for (int i = 0; i < 4; i++) {
            Files.writeString(in.resolve("note" + i + ".md"), "day " + i);
            backup();
        }
        repo.reset();
    }

    SnapshotResult backup() throws IOException {
        return SnapshotBackup.builder().keys(keys).signer(SnapFixtures.signer()).repository(repo)
                .cacheFile(tmp.resolve("home/cache.json")).catalogFile(catalog).build().run(in);
    }

    long newestSequence() {
        return Snapshots.newest(repo, keys, SnapshotCatalog.load(catalog, keys)).orElseThrow().listed().snapshot().sequence();
    }

    @Test
    void a_repeat_backup_reads_only_the_newest_snapshot_not_the_chain() throws IOException {
        SnapshotResult r = backup();
        assertEquals(5, r.sequence());
        assertEquals(1, repo.snapshotReads.get(), "the parent alone, not all four");
    }

    @Test
    void finding_the_newest_reads_one_snapshot() {
        assertEquals(4, newestSequence());
        assertEquals(1, repo.snapshotReads.get());
    }

    @Test
    void a_missing_catalog_reads_every_snapshot_once_then_only_the_newest() throws IOException {
        Files.delete(catalog);
        SnapshotCatalog c = SnapshotCatalog.load(catalog, keys);
        assertEquals(4, Snapshots.newest(repo, keys, c).orElseThrow().listed().snapshot().sequence());
        assertEquals(4, repo.snapshotReads.get());
        c.save();
        repo.reset();
        assertEquals(4, newestSequence());
        assertEquals(1, repo.snapshotReads.get());
    }

    @Test
    void a_tampered_catalog_is_ignored_and_every_snapshot_is_read() throws IOException {
        // lower the newest one's recorded sequence: with a valid MAC this would hide it
        String text = Files.readString(catalog, StandardCharsets.UTF_8);
        Files.writeString(catalog, text.replaceFirst("\\[4,", "[0,"), StandardCharsets.UTF_8);
        assertEquals(4, newestSequence());
        assertEquals(4, repo.snapshotReads.get());
    }

    @Test
    void a_catalog_made_under_another_key_is_ignored() throws IOException {
        try (SnapshotKeys other = SnapshotKeys.derive(SnapFixtures.other())) {
            SnapshotCatalog foreign = SnapshotCatalog.load(tmp.resolve("foreign.json"), other);
            Snapshot fake = Snapshot.create(other.address(), 99, "00".repeat(32), "2026-01-01T00:00:00Z", ChunkerParams.DEFAULT,
                    java.util.List.of(), java.util.Map.of());
            for (String id : repo.snapshotIds()) {
                foreign.put(id, fake, 1);
            }
            foreign.save();
        }
        Files.copy(tmp.resolve("foreign.json"), catalog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(4, newestSequence());
        assertEquals(4, repo.snapshotReads.get(), "no entry of a foreign catalog was believed");
    }

    @Test
    void a_snapshot_the_catalog_does_not_know_is_read_and_can_be_the_newest() throws IOException {
        Path before = tmp.resolve("catalog-before");
        Files.copy(catalog, before);
        Files.writeString(in.resolve("late.md"), "written by another home");
        backup(); // sequence 5, recorded in the catalog we then roll back
        Files.copy(before, catalog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        repo.reset();
        assertEquals(5, newestSequence());
        assertEquals(1, repo.snapshotReads.get(), "the unknown one is the newest: read once");
        assertTrue(Files.readString(catalog).length() > 0);
    }
}
