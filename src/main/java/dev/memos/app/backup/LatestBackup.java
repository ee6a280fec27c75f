package dev.memos.app.backup;

import dev.memos.app.backup.BundleRestores;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.Snapshots;
import java.util.Optional;

/**
 * Which kind holds the newest backup of a key on the network (FORMAT.md §14.11): snapshots and
 * single bundles share one sequence space, so {@code restore --latest} compares the newest verified
 * snapshot with the newest verified bundle and takes the higher sequence (a tie goes to the
 * snapshot: a writer never gives both kinds one sequence, so a tie is already a fork either way).
 */
public final class LatestBackup {
    private LatestBackup() {
    }

    public static boolean snapshotIsNewest(MemosHome home, EthPrivateKey key, Repository snapshots, BundleRestores bundles) {
        Optional<Snapshots.Listed> s = new SnapshotRestores(home, key).latest(snapshots);
        if (s.isEmpty()) {
            return false;
        }
        long newestBundle = bundles.list().stream().filter(e -> "verified".equals(e.verification()) && e.sequence() != null)
                .mapToLong(BundleRestores.Entry::sequence).max().orElse(0);
        return s.get().snapshot().sequence() >= newestBundle;
    }
}
