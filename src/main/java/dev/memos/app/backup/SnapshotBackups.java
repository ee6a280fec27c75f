package dev.memos.app.backup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.app.identity.IdentityBackup;
import dev.memos.app.snapshot.BackupPricing;
import dev.memos.app.snapshot.SnapshotEstimator;
import dev.memos.app.snapshot.SpendCap;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.BlobRef;
import dev.memos.snapshot.KeyHandover;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.PackReader;
import dev.memos.snapshot.PathFilter;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotResult;
import dev.memos.store.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The snapshot backup use case (FORMAT.md §14), for a folder repository and for Arweave alike:
 * one backup per home at a time (the home lock, bounded wait, BUSY), the chain continued after the
 * newest backup of either kind, the packs of an interrupted backup reused, and the sequence recorded
 * only once the snapshot is stored (and, on Arweave, read back).
 */
public final class SnapshotBackups {
    /** Finds the newest backup of another kind (single bundles on the network) for a home that knows none. */
    public interface ChainHead {
        /** Records the newest verified backup in the rollback index; returns a line for the user, or null. */
        String adopt();
    }

    /**
     * What to back up and where: paths left out ({@code --exclude}, plus the folder's .memosignore) and
     * whether the home's identities ride along (issue 16 §1; {@code --no-identities} turns it off).
     */
    public record Request(Path input, Repository repository, PathFilter exclude, boolean identities) {
        public Request {
            Objects.requireNonNull(exclude, "exclude");
        }

        public Request(Path input, Repository repository) {
            this(input, repository, PathFilter.none(), false);
        }
    }

    /** What the backup did (JSON: snapshot_id, sequence, files, new_bytes, uploaded_bytes, packs_uploaded, reused_chunks). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String snapshotId, String snapshotSha256, long sequence, long files, long totalBytes, long newBytes,
            long uploadedBytes, int packsUploaded, long reusedChunks, int resumedPacks, String repository, List<String> identities,
            @com.fasterxml.jackson.annotation.JsonIgnore List<String> warnings) {
    }

    private final MemosHome home;
    private final EthPrivateKey key;
    private final Clock clock;
    private final ChainHead chainHead;

    private SnapshotBackups(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.key = Objects.requireNonNull(b.key, "key");
        this.clock = b.clock;
        this.chainHead = b.chainHead;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Home and key are required; {@code chainHead} only for the network. */
    public static final class Builder {
        private MemosHome home;
        private EthPrivateKey key;
        private Clock clock = Clock.systemUTC();
        private ChainHead chainHead = () -> null;

        public Builder home(MemosHome h) {
            home = h;
            return this;
        }

        public Builder key(EthPrivateKey k) {
            key = k;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public Builder chainHead(ChainHead c) {
            chainHead = c;
            return this;
        }

        public SnapshotBackups build() {
            return new SnapshotBackups(this);
        }
    }

    /** The metadata cache of this key (FORMAT.md §14.8). */
    public static Path cacheFile(MemosHome home, EthPrivateKey key) {
        return home.resolve("cache").resolve("snapshot-" + key.address().lowercase() + ".json");
    }

    /** The snapshots this key has verified (FORMAT.md §14.8). */
    public static Path catalogFile(MemosHome home, EthPrivateKey key) {
        return home.resolve("cache").resolve("snapshots-" + key.address().lowercase() + ".json");
    }

    static Path pendingFile(MemosHome home, EthPrivateKey key) {
        return home.resolve("cache").resolve("pending-packs-" + key.address().lowercase() + ".txt");
    }

    public Result backup(Request req) {
        home.ensure();
        RollbackIndex index = RollbackIndex.forHome(home);
        List<String> warnings = new ArrayList<>();
        // Before the lock: adopting records in the index under its own lock, and it only ever raises
        // the entry, so two processes adopting at once agree.
        if (index.latest(key.address().checksummed()).isEmpty()) {
            String adopted = chainHead.adopt();
            if (adopted != null) {
                warnings.add(adopted);
            }
        }
        // One backup per home at a time: two at once would publish the same sequence twice (a fork).
        try (HomeLock lock = index.lock(); SnapshotKeys keys = SnapshotKeys.derive(key);
                KeyRing ring = KeyRing.open(req.repository(), keys, warnings)) {
            PendingPacks pending = PendingPacks.load(pendingFile(home, key));
            Map<String, BlobRef> resumed = new HashMap<>();
            int resumedPacks = resume(req.repository(), keys, pending, resumed);
            SnapshotBackup.Builder b = prepare(req, ring, index).resumed(resumed).onPackStored(pending::add)
                    .onFork(ids -> warnings.add("the chain forked: " + (ids.size() + 1) + " snapshots carry one sequence; this backup"
                            + " chains after the newest and records the other(s) as siblings: " + String.join(", ", ids)));
            List<String> carried = attachIdentities(req, keys, b);
            SnapshotResult r = b.build().run(req.input());
            index.recordLocked(keys.address(), r.sequence(), r.snapshotSha256());
            pending.clear();
            if (resumedPacks > 0) {
                warnings.add("reused " + resumedPacks + " pack(s) of an interrupted backup");
            }
            return new Result(r.snapshotId(), r.snapshotSha256(), r.sequence(), r.files(), r.totalBytes(), r.newBytes(),
                    r.storedBytes(), r.packsWritten(), r.reusedChunks(), resumedPacks, req.repository().describe(), carried, warnings);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + req.input() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The backup done in full but nothing written ({@code --dry-run}), priced; PAYMENT (exit 6) when
     * the price is above {@code cap} ({@code --max-spend}). Takes no lock: it changes nothing.
     */
    public SnapshotEstimator.Estimate estimate(Request req, BackupPricing pricing, Optional<SpendCap> cap) {
        RollbackIndex index = RollbackIndex.forHome(home);
        try (SnapshotKeys keys = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(req.repository(), keys, new ArrayList<>())) {
            SnapshotBackup.Builder b = prepare(req, ring, index).dryRun(true);
            attachIdentities(req, keys, b);
            return SnapshotEstimator.builder().pricing(pricing).build().estimate(b.build(), req.input(), cap);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + req.input() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The engine for this request and key, continuing after the newest sequence the rollback index knows
     * or, when higher, the old chain's head that a key handover to this key names (FORMAT.md §14.12).
     */
    private SnapshotBackup.Builder prepare(Request req, KeyRing ring, RollbackIndex index) {
        SnapshotKeys keys = ring.own();
        SnapshotBackup.Builder b = SnapshotBackup.builder().keys(keys).ring(ring).signer(EthSigner.of(key)).repository(req.repository())
                .cacheFile(cacheFile(home, key)).catalogFile(catalogFile(home, key)).clock(clock).exclude(req.exclude());
        Optional<RollbackIndex.Entry> known = index.latest(keys.address());
        Optional<KeyHandover.Head> handed = ring.handedOverHead();
        if (handed.isPresent() && (known.isEmpty() || known.get().sequence() < handed.get().sequence())) {
            b.known(handed.get().sequence(), handed.get().sha256());
        } else {
            known.ifPresent(e -> b.known(e.sequence(), e.manifestSha256()));
        }
        return b;
    }

    /** Seals the home's identities into the snapshot when asked; the IDs carried. */
    private List<String> attachIdentities(Request req, SnapshotKeys keys, SnapshotBackup.Builder b) {
        if (!req.identities()) {
            return List.of();
        }
        Optional<IdentityBackup.Prepared> p = new IdentityBackup(clock, new SecureRandom())
                .prepare(home.root(), keys.address(), keys.identitiesKey());
        p.ifPresent(x -> b.attach(IdentityBackup.ATTACHMENT, x.sealed()));
        return p.map(x -> x.identities().stream().map(c -> c.id()).toList()).orElse(List.of());
    }

    /**
     * Reads the trailers of the packs an interrupted backup completed; a pack that is gone or does
     * not verify is simply not reused (its chunks are stored again), never trusted.
     */
    private static int resume(Repository repo, SnapshotKeys keys, PendingPacks pending, Map<String, BlobRef> into) {
        int n = 0;
        for (String id : pending.ids()) {
            try {
                if (!repo.hasPack(id)) {
                    continue;
                }
                for (BlobRef r : PackReader.readIndex(keys, id, repo.readPack(id))) {
                    into.putIfAbsent(r.chunkId(), r);
                }
                n++;
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.INTEGRITY && e.kind() != ErrorKind.NETWORK) {
                    throw e;
                }
            }
        }
        return n;
    }
}
