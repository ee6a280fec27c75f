package dev.memos.app.legacy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.app.backup.SnapshotBackups;
import dev.memos.arweave.Winston;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.legacy.LegacyManifest;
import dev.memos.backup.legacy.LegacyRestorer;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.snapshot.PathFilter;
import dev.memos.snapshot.Repository;
import dev.memos.store.HomeLock;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * {@code migrate --from-legacy}: the original MemOS's newest backup (or each one, oldest first, or
 * one by id) is verified and restored into a private temporary folder, then stored as a memos
 * snapshot. The snapshots continue the shared sequence after the original's highest, so from then
 * on memos alone carries the history and restore --latest prefers it. A dry run verifies the
 * manifests only and uploads nothing. The target is a local repository or Arweave; each step is
 * journalled once stored (MigrationJournal), so a second run stores nothing and an interrupted one
 * resumes with the next backup (and the interrupted backup's uploaded packs, as backup does).
 */
public final class LegacyMigrate {
    private final EthPrivateKey key;
    private final LegacyDiscovery discovery;
    private final MemosHome home;
    private final RollbackIndex index;
    private final MigrationJournal journal;
    private final Path workDir;
    private final Clock clock;

    public LegacyMigrate(EthPrivateKey key, LegacyDiscovery discovery, MemosHome home, Clock clock) {
        this.key = key;
        this.discovery = discovery;
        this.home = home;
        this.index = RollbackIndex.forHome(home);
        this.journal = new MigrationJournal(home.resolve(MigrationJournal.FILE));
        this.workDir = home.resolve("work");
        this.clock = clock;
    }

    /**
     * Which backups: the newest (neither set), all ({@code all}), or the manifest item {@code txId};
     * {@code winstonFor} prices a number of bytes on the network (null for a local repository).
     */
    public record Request(boolean all, Optional<String> txId, boolean dryRun, LongFunction<BigInteger> winstonFor) {
        public Request(boolean all, Optional<String> txId, boolean dryRun) {
            this(all, txId, dryRun, null);
        }
    }

    /** One original backup: {@code status} is migrated, already migrated (skipped) or would migrate (a dry run). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Step(String txId, long legacySequence, long files, long totalBytes, String snapshotId, Long snapshotSequence,
                       String status) {
    }

    /**
     * {@code bytesToStore}: plaintext of the backups still to migrate, before deduplication (an upper
     * bound); {@code costWinston}/{@code costAr}: the network's price for that many bytes (null for
     * a local repository or when the node gives no price).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(List<Step> steps, boolean dryRun, String repository, long bytesToStore, String costWinston, String costAr) {
        public long skipped() {
            return steps.stream().filter(s -> s.status().equals(ALREADY)).count();
        }
    }

    static final String DONE = "migrated";
    static final String ALREADY = "already migrated";
    static final String WOULD = "would migrate";

    public Result migrate(Request r, Repository repo) {
        List<LegacyDiscovery.Found> good = discovery.find().stream().filter(LegacyDiscovery.Found::verified).toList();
        if (good.isEmpty()) {
            throw MemosException.usage("no original MemOS backups of " + key.address() + " verified on this network: nothing to migrate");
        }
        List<LegacyDiscovery.Found> chosen;
        if (r.txId().isPresent()) {
            chosen = good.stream().filter(f -> f.manifestTxId().equals(r.txId().get())).toList();
            if (chosen.isEmpty()) {
                throw MemosException.usage("--tx-id " + r.txId().get() + " is not a verified original MemOS manifest of " + key.address()
                        + ": see 'list'");
            }
        } else {
            chosen = r.all() ? good : good.subList(0, 1);
        }
        chosen = new ArrayList<>(chosen);
        chosen.sort(Comparator.comparingLong(f -> f.manifest().sequence()));
        String where = repo.describe();
        Set<String> stored = Set.copyOf(repo.snapshotIds());
        List<Step> steps = new ArrayList<>();
        List<LegacyDiscovery.Found> todo = new ArrayList<>();
        for (LegacyDiscovery.Found f : chosen) {
            Optional<MigrationJournal.Done> done = journal.done(where, f.manifestTxId()).filter(d -> stored.contains(d.snapshotId()));
            done.ifPresentOrElse(d -> steps.add(step(f, f.manifest().fileCount(), d.snapshotId(), d.sequence(), ALREADY)), () -> todo.add(f));
        }
        long bytes = todo.stream().mapToLong(f -> f.manifest().totalBytes()).sum();
        BigInteger winston = r.winstonFor() == null || todo.isEmpty() ? null : r.winstonFor().apply(bytes);
        if (r.dryRun()) {
            todo.forEach(f -> steps.add(step(f, f.manifest().fileCount(), null, null, WOULD)));
        } else if (!todo.isEmpty()) {
            LegacyManifest highest = good.get(0).manifest();
            try (HomeLock lock = index.lock()) {
                // the snapshots continue after the original's chain, not inside it
                index.recordLocked(key.address().checksummed(), highest.sequence(), highest.sha256());
            }
            for (LegacyDiscovery.Found f : todo) {
                steps.add(migrateOne(f, repo));
            }
        }
        steps.sort(Comparator.comparingLong(Step::legacySequence));
        return new Result(steps, r.dryRun(), where, bytes, winston == null ? null : winston.toString(),
                winston == null ? null : Winston.toAr(winston));
    }

    private static Step step(LegacyDiscovery.Found f, long files, String snapshotId, Long sequence, String status) {
        return new Step(f.manifestTxId(), f.manifest().sequence(), files, f.manifest().totalBytes(), snapshotId, sequence, status);
    }

    /**
     * Restores one original backup into a private folder and stores it through the snapshot service
     * (its lock, its resumable packs), then records the step, so a run stopped halfway resumes here.
     */
    private Step migrateOne(LegacyDiscovery.Found f, Repository repo) {
        byte[] bundle = discovery.download(f.bundleTxId(), LegacyDiscovery.MAX_BUNDLE);
        Path tree = workDir.resolve("migrate-" + TempFiles.pidTag() + "-" + f.manifest().sequence());
        try (TempFiles.Tracked t = TempFiles.track(tree)) {
            Files.createDirectories(workDir);
            LegacyRestorer.Result restored = LegacyRestorer.builder().key(key).build().restore(bundle, f.manifest(), tree, false, false);
            SnapshotBackups.Result s = SnapshotBackups.builder().home(home).key(key).clock(clock).build()
                    .backup(new SnapshotBackups.Request(tree, repo, PathFilter.everything(), false));
            try (HomeLock lock = index.lock()) {
                journal.record(repo.describe(), f.manifestTxId(), s.snapshotId(), s.sequence());
            }
            return step(f, restored.files(), s.snapshotId(), s.sequence(), DONE);
        } catch (IOException e) {
            throw MemosException.failure("cannot store the migrated backup " + f.manifestTxId() + ": " + e.getMessage(), e);
        } finally {
            try {
                TempFiles.deleteTree(tree);
            } catch (IOException ignored) {
                // the tracked temp folder is also removed at exit
            }
        }
    }
}
