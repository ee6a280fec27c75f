package dev.memos.app.legacy;

import dev.memos.backup.RollbackIndex;
import dev.memos.backup.legacy.LegacyManifest;
import dev.memos.backup.legacy.LegacyRestorer;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotResult;
import dev.memos.store.HomeLock;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate --from-legacy}: the original MemOS's newest backup (or each one, oldest first, or
 * one by id) is verified and restored into a private temporary folder, then stored as a memos
 * snapshot. The snapshots continue the shared sequence after the original's highest, so from then
 * on memos alone carries the history and restore --latest prefers it. A dry run verifies the
 * manifests only and uploads nothing.
 */
public final class LegacyMigrate {
    private final EthPrivateKey key;
    private final LegacyDiscovery discovery;
    private final RollbackIndex index;
    private final Path workDir;
    private final Clock clock;

    public LegacyMigrate(EthPrivateKey key, LegacyDiscovery discovery, RollbackIndex index, Path workDir, Clock clock) {
        this.key = key;
        this.discovery = discovery;
        this.index = index;
        this.workDir = workDir;
        this.clock = clock;
    }

    /** Which backups: the newest (neither set), all ({@code all}), or the manifest item {@code txId}. */
    public record Request(boolean all, Optional<String> txId, boolean dryRun) {
    }

    /** One original backup and, unless a dry run, the snapshot it became. */
    public record Step(String txId, long legacySequence, long files, long totalBytes, String snapshotId, Long snapshotSequence) {
    }

    public record Result(List<Step> steps, boolean dryRun, String repository, long bytesToStore) {
    }

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
        List<Step> steps = new ArrayList<>();
        long bytes = chosen.stream().mapToLong(f -> f.manifest().totalBytes()).sum();
        if (r.dryRun()) {
            chosen.forEach(f -> steps.add(new Step(f.manifestTxId(), f.manifest().sequence(), f.manifest().fileCount(),
                    f.manifest().totalBytes(), null, null)));
            return new Result(steps, true, repo.describe(), bytes);
        }
        LegacyManifest highest = good.get(0).manifest();
        try (HomeLock lock = index.lock(); SnapshotKeys keys = SnapshotKeys.derive(key)) {
            String address = key.address().checksummed();
            // the snapshots continue after the original's chain, not inside it
            index.recordLocked(address, highest.sequence(), highest.sha256());
            for (LegacyDiscovery.Found f : chosen) {
                steps.add(migrateOne(f, repo, keys, address));
            }
        }
        return new Result(steps, false, repo.describe(), bytes);
    }

    private Step migrateOne(LegacyDiscovery.Found f, Repository repo, SnapshotKeys keys, String address) {
        byte[] bundle = discovery.download(f.bundleTxId(), LegacyDiscovery.MAX_BUNDLE);
        Path tree = workDir.resolve("migrate-" + TempFiles.pidTag() + "-" + f.manifest().sequence());
        try (TempFiles.Tracked t = TempFiles.track(tree)) {
            Files.createDirectories(workDir);
            LegacyRestorer.Result restored = LegacyRestorer.builder().key(key).build().restore(bundle, f.manifest(), tree, false, false);
            SnapshotBackup.Builder b = SnapshotBackup.builder().keys(keys).signer(EthSigner.of(key)).repository(repo).clock(clock);
            index.latest(address).ifPresent(e -> b.known(e.sequence(), e.manifestSha256()));
            SnapshotResult s = b.build().run(tree);
            index.recordLocked(address, s.sequence(), s.snapshotSha256());
            return new Step(f.manifestTxId(), f.manifest().sequence(), restored.files(), f.manifest().totalBytes(), s.snapshotId(),
                    s.sequence());
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
