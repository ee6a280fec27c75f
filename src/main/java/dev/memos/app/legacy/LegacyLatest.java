package dev.memos.app.legacy;

import dev.memos.backup.RollbackIndex;
import dev.memos.backup.legacy.LegacyRestorer;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code restore --latest} across both kinds of backup: the original MemOS's newest verified backup
 * is restored only when its signed sequence is above memos' own newest, since both kinds share one
 * sequence and one rollback index per address (a migrated history continues as memos snapshots,
 * which then win). Candidates are tried from the highest sequence down; one whose bundle fails any
 * check is reported and the next is tried.
 */
public final class LegacyLatest {
    private final MemosHome home;
    private final EthPrivateKey key;
    private final LegacyDiscovery discovery;

    public LegacyLatest(MemosHome home, EthPrivateKey key, LegacyDiscovery discovery) {
        this.home = home;
        this.key = key;
        this.discovery = discovery;
    }

    /** What {@code restore --latest} reports for an original backup. */
    public record Result(String txId, String bundleTxId, long sequence, long files, String destination, boolean legacy,
                         int candidates, List<String> rejected, List<String> warnings) {
    }

    /**
     * {@code restore --latest}: {@code memosHighest} is the highest verified sequence of memos' own
     * backups, snapshots and bundles alike (asked only when an original backup exists, so users
     * without one pay one index query). {@code out} may be null (restore --identities alone) and
     * {@code snapshotOnly} names the snapshot-only options given; both are refused when the original
     * backup is the newest, since it has no identities and no partial restore.
     */
    public record Request(Path out, boolean force, boolean ignoreRollback, LongSupplier memosHighest, List<String> snapshotOnly) {
    }

    /** Restores the newest original backup if its sequence is above memos' highest; empty otherwise. */
    public Optional<Result> restoreIfNewer(Request req) {
        List<LegacyDiscovery.Found> found = discovery.find();
        List<String> rejected = new ArrayList<>();
        found.stream().filter(f -> !f.verified()).forEach(f -> rejected.add(f.manifestTxId() + ": " + f.verification()));
        List<LegacyDiscovery.Found> good = found.stream().filter(LegacyDiscovery.Found::verified).toList();
        if (good.isEmpty() || good.get(0).manifest().sequence() <= req.memosHighest().getAsLong()) {
            return Optional.empty();
        }
        String newest = "the newest backup of " + key.address() + " is an original MemOS backup (sequence "
                + good.get(0).manifest().sequence() + ")";
        if (!req.snapshotOnly().isEmpty()) {
            throw MemosException.usage("restore --" + req.snapshotOnly().get(0) + " works with snapshot backups; " + newest
                    + ": drop it, or run 'migrate --from-legacy' first");
        }
        if (req.out() == null) {
            throw MemosException.usage("restore --latest needs --out DIR: " + newest);
        }
        Path out = req.out();
        boolean force = req.force();
        boolean ignoreRollback = req.ignoreRollback();
        MemosException first = null;
        for (LegacyDiscovery.Found f : good) {
            try {
                byte[] bundle = discovery.download(f.bundleTxId(), LegacyDiscovery.MAX_BUNDLE);
                LegacyRestorer.Result r = LegacyRestorer.builder().key(key).rollbackIndex(RollbackIndex.forHome(home.ensure())).build()
                        .restore(bundle, f.manifest(), out, force, ignoreRollback);
                return Optional.of(new Result(f.manifestTxId(), f.bundleTxId(), f.manifest().sequence(), r.files(),
                        r.destination().toString(), true, found.size(), rejected, r.warnings()));
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.INTEGRITY && e.kind() != ErrorKind.NETWORK) {
                    throw e; // the destination, the key: no other candidate fixes that
                }
                first = first == null ? e : first;
                rejected.add(f.manifestTxId() + ": " + e.getMessage());
            }
        }
        throw first;
    }
}
