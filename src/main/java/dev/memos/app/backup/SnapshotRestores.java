package dev.memos.app.backup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.app.identity.IdentityRestore;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.PathFilter;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotCatalog;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotRestore;
import dev.memos.snapshot.Snapshots;
import dev.memos.store.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The snapshot restore use case (FORMAT.md §14.6): the snapshot verified (seal, key, rollback rule),
 * only the packs it needs read, every chunk checked, the folder swapped in atomically; a missing
 * pack names the files it breaks and nothing is written (NETWORK, exit 5).
 */
public final class SnapshotRestores {
    /**
     * {@code snapshotId} null = the newest verified snapshot of the repository; {@code include} the paths
     * to restore ({@code --include}); {@code identities} the identity step when {@code --identities} was
     * given, else null; {@code out} may be null only with it (identities alone).
     */
    public record Request(Repository repository, String snapshotId, Path out, boolean force, boolean ignoreRollback,
            PathFilter include, IdentityStep identities) {
        public Request(Repository repository, String snapshotId, Path out, boolean force, boolean ignoreRollback) {
            this(repository, snapshotId, out, force, ignoreRollback, PathFilter.none(), null);
        }
    }

    /** Puts the identities a verified snapshot carries back into the home (dev.memos.app.identity). */
    public interface IdentityStep {
        IdentityRestore.Result restore(SnapshotKeys keys, Repository repo, Snapshots.Listed snapshot, List<String> warnings);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Result(String snapshotId, long sequence, String out, long files, long bytes, int packsRead, String snapshotSha256,
            List<IdentityRestore.Outcome> identities, @com.fasterxml.jackson.annotation.JsonIgnore List<String> warnings) {
    }

    private final MemosHome home;
    private final EthPrivateKey key;

    public SnapshotRestores(MemosHome home, EthPrivateKey key) {
        this.home = Objects.requireNonNull(home);
        this.key = Objects.requireNonNull(key);
    }

    /** Every snapshot of this key and of the keys handed over to it (FORMAT.md §14.12), oldest first, and what to warn about. */
    public record History(List<Snapshots.Listed> snapshots, List<String> warnings) {
    }

    /** The newest verified snapshot of the repository, if any (for choosing between snapshots and bundles). */
    public Optional<Snapshots.Listed> latest(Repository repo) {
        List<String> warnings = new ArrayList<>();
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(repo, own, warnings)) {
            return newest(repo, ring);
        }
    }

    /** The history across key rotations: handovers to this key followed, each old key only up to its handover's head. */
    public History history(Repository repo) {
        List<String> warnings = new ArrayList<>();
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(repo, own, warnings)) {
            return new History(ring.all(repo), warnings);
        }
    }

    /**
     * The newest snapshot. With no key handed over to this one, it reads only the snapshots this home
     * has not verified yet, and the newest (the catalog, FORMAT.md §14.8); across rotations it reads
     * every ring key's snapshots, since the catalog knows one key only.
     */
    private Optional<Snapshots.Listed> newest(Repository repo, KeyRing ring) {
        if (ring.members().size() > 1) {
            return ring.latest(repo);
        }
        SnapshotKeys keys = ring.own();
        SnapshotCatalog catalog = SnapshotCatalog.load(SnapshotBackups.catalogFile(home, key), keys);
        Optional<Snapshots.Listed> s = Snapshots.newest(repo, keys, catalog).map(Snapshots.Newest::listed);
        catalog.save();
        return s;
    }

    public Result restore(Request req) {
        home.ensure();
        Repository repo = req.repository();
        List<String> warnings = new ArrayList<>();
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(repo, own, warnings)) {
            Snapshots.Listed s = req.snapshotId() == null
                    ? newest(repo, ring).orElseThrow(() -> MemosException.usage("no snapshot in " + repo.describe()
                            + ": back up into it first"))
                    : ring.byId(repo, req.snapshotId().strip());
            // a snapshot of an old key handed over to this one is read with that key's keys (FORMAT.md §14.12)
            SnapshotKeys keys = ring.keysOf(s.snapshot().address());
            RollbackIndex index = RollbackIndex.forHome(home);
            index.check(keys.address(), s.snapshot().sequence(), s.snapshot().sha256(), "snapshot", req.ignoreRollback())
                    .ifPresent(warnings::add);
            List<IdentityRestore.Outcome> ids = req.identities() == null ? null
                    : req.identities().restore(keys, repo, s, warnings).identities();
            if (req.out() == null) {
                try (HomeLock lock = index.lock()) {
                    index.recordLocked(keys.address(), s.snapshot().sequence(), s.snapshot().sha256());
                }
                return new Result(s.id(), s.snapshot().sequence(), null, 0, 0, 0, s.snapshot().sha256(), ids, warnings);
            }
            SnapshotRestore.Result r = new SnapshotRestore(keys, repo).restore(s, req.out(), req.force(), req.include());
            try (HomeLock lock = index.lock()) {
                index.recordLocked(keys.address(), r.sequence(), s.snapshot().sha256());
            }
            return new Result(r.snapshotId(), r.sequence(), r.destination().toString(), r.files(), r.bytes(), r.packsRead(),
                    s.snapshot().sha256(), ids, warnings);
        } catch (IOException e) {
            throw MemosException.failure("cannot restore to " + req.out() + ": " + e.getMessage(), e);
        }
    }
}
