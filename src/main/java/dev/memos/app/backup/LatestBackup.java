package dev.memos.app.backup;

import dev.memos.app.backup.BundleRestores;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.snapshot.Repository;

/**
 * Which kind holds the newest backup of a key on the network (FORMAT.md §14.11): snapshots and
 * single bundles share one sequence space, so {@code restore --latest} compares the newest verified
 * snapshot with the newest verified bundle and takes the higher sequence (a tie goes to the
 * snapshot: a writer never gives both kinds one sequence, so a tie is already a fork either way).
 * The original MemOS's backups share that sequence too; {@link Newest#highest()} is what the
 * newest of them must exceed (app.legacy.LegacyLatest), whichever of memos' two kinds holds it.
 */
public final class LatestBackup {
    private LatestBackup() {
    }

    /** The newest verified sequence of each kind (0: none). */
    public record Newest(long snapshot, long bundle) {
        /** What an original MemOS backup must exceed to be the newest (FORMAT.md §16.6). */
        public long highest() {
            return Math.max(snapshot, bundle);
        }

        public boolean snapshotWins() {
            return snapshot > 0 && snapshot >= bundle;
        }
    }

    public static Newest newest(MemosHome home, EthPrivateKey key, Repository snapshots, BundleRestores bundles) {
        long snapshot = new SnapshotRestores(home, key).latest(snapshots).map(s -> s.snapshot().sequence()).orElse(0L);
        long newestBundle = bundles.list().stream().filter(e -> "verified".equals(e.verification()) && e.sequence() != null)
                .mapToLong(BundleRestores.Entry::sequence).max().orElse(0);
        return new Newest(snapshot, newestBundle);
    }

    public static boolean snapshotIsNewest(MemosHome home, EthPrivateKey key, Repository snapshots, BundleRestores bundles) {
        return newest(home, key, snapshots, bundles).snapshotWins();
    }
}
