package dev.memos.app.backup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.arweave.ArweaveId;
import dev.memos.arweave.Discovery;
import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Network;
import dev.memos.arweave.TxIdList;
import dev.memos.backup.BundleKeys;
import dev.memos.backup.BundleReader;
import dev.memos.backup.BundleRestorer;
import dev.memos.backup.Manifest;
import dev.memos.backup.RestoreResult;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.store.TempFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;

/**
 * restore and list. A download only counts once the bundle's header MAC and sealed, signed
 * manifest verify under this key; {@code --latest} takes the highest verified sequence among all
 * candidates the index returns, whatever order or tags the index shows. list learns the sequence
 * of a backup this home did not upload from its sealed manifest, reading only the bundle's header
 * and tail ({@link RemoteBundle}), and caches what verified.
 */
public final class BundleRestores {
    private static final int MAX_CANDIDATES = 200;

    private final MemosHome home;
    private final EthPrivateKey key;
    private final Network network;
    private final List<String> owners;
    private final Path txIdsFile;

    private BundleRestores(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.key = Objects.requireNonNull(b.key, "key");
        this.network = Objects.requireNonNull(b.network, "network");
        this.owners = List.copyOf(b.owners);
        this.txIdsFile = Objects.requireNonNull(b.txIdsFile, "txIdsFile");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Home, key, network, the owner addresses to search and the tx-id list are required. */
    public static final class Builder {
        private MemosHome home;
        private EthPrivateKey key;
        private Network network;
        private List<String> owners = List.of();
        private Path txIdsFile;

        private Builder() {
        }

        public Builder home(MemosHome h) {
            home = h;
            return this;
        }

        public Builder key(EthPrivateKey k) {
            key = k;
            return this;
        }

        public Builder network(Network n) {
            network = n;
            return this;
        }

        /** The owners whose items the index is asked for (the key's own, plus any --wallet). */
        public Builder owners(List<String> o) {
            owners = o;
            return this;
        }

        public Builder txIdsFile(Path p) {
            txIdsFile = p;
            return this;
        }

        public BundleRestores build() {
            return new BundleRestores(this);
        }
    }

    /** The owner address Arweave indexes for items signed by this Ethereum key. */
    public static String ethOwnerAddress(byte[] publicKey65) {
        return JwkWallet.addressOf(publicKey65);
    }

    public record Outcome(String txId, RestoreResult result, int candidates, List<String> rejected) {
        /** What restore reports (JSON: tx_id, sequence, out, files, bundle_sha256, candidates, rejected). */
        public Restored restored() {
            return new Restored(txId, result.manifest().sequence(), result.destination().toString(), result.manifest().fileCount(),
                    result.bundleSha256(), candidates, rejected);
        }
    }

    /** The result record of a single-bundle restore. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Restored(String txId, long sequence, String out, long files, String bundleSha256, int candidates, List<String> rejected) {
        public Restored {
            rejected = List.copyOf(rejected);
        }
    }

    public Outcome restore(String txId, Path out, boolean force, boolean ignoreRollback) {
        ArweaveId.require(txId, "the transaction id");
        BackupState state = new BackupState(home);
        BundleBackups.sweep(RollbackIndex.forHome(home), state.workDir());
        Path file = state.workDir().resolve("restore-" + TempFiles.pidTag() + "-" + txId);
        try (TempFiles.Tracked t = TempFiles.track(file)) {
            fetchVerified(txId, file);
            RestoreResult r = BundleRestorer.builder().key(key).rollbackIndex(RollbackIndex.forHome(home)).progress(network.progress()).build()
                    .restore(file, state.envelopeFor(txId), out, force, ignoreRollback);
            return new Outcome(txId, r, 1, List.of());
        } finally {
            BundleBackups.deleteQuietly(file);
        }
    }

    public Outcome restoreLatest(Path out, boolean force, boolean ignoreRollback) {
        List<Discovery.Hit> hits = network.discovery().find(owners, BackupTags.query());
        if (hits.isEmpty()) {
            throw MemosException.usage("no memos backups found for " + key.address() + " on " + network.profile().name()
                    + ": check the key and the profile");
        }
        BackupState state = new BackupState(home);
        BundleBackups.sweep(RollbackIndex.forHome(home), state.workDir());
        Best best = findBest(hits, state);
        try {
            RestoreResult r = BundleRestorer.builder().key(key).rollbackIndex(RollbackIndex.forHome(home)).progress(network.progress()).build()
                    .restore(best.file(), state.envelopeFor(best.id()), out, force, ignoreRollback);
            return new Outcome(best.id(), r, hits.size(), best.rejected());
        } finally {
            BundleBackups.deleteQuietly(best.file());
        }
    }

    /**
     * For a home that knows no backup of this address yet (a new machine, a lost home): finds the
     * newest backup on the network that verifies under the key and records it in the rollback
     * index, so the next backup continues that chain (sequence + 1, previous-manifest hash) instead
     * of starting again at 1 below it. Empty when the address has no backups at all.
     */
    public Optional<Manifest> adoptChainHead() {
        List<Discovery.Hit> hits = network.discovery().find(owners, BackupTags.query());
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        Best best = findBest(hits, new BackupState(home));
        BundleBackups.deleteQuietly(best.file());
        RollbackIndex index = RollbackIndex.forHome(home);
        if (index.latest(best.manifest().address()).map(e -> e.sequence() < best.manifest().sequence()).orElse(true)) {
            index.record(best.manifest());
        }
        return Optional.of(best.manifest());
    }

    /**
     * {@link #adoptChainHead} as the line a backup shows its user, or null when the network has no
     * backup of this key: the chain head of both backup kinds ({@link SnapshotBackups.ChainHead}).
     */
    public String adoptChainHeadNotice() {
        return adoptChainHead().map(m -> "this home knew no earlier backup: continuing after backup " + m.sequence()
                + " found on " + network.profile().name()).orElse(null);
    }

    /** The verified candidate with the highest sequence, its downloaded file, and why others were rejected. */
    private record Best(String id, Path file, Manifest manifest, List<String> rejected) {
    }

    private Best findBest(List<Discovery.Hit> hits, BackupState state) {
        Path best = null;
        String bestId = null;
        Manifest bestManifest = null;
        List<String> rejected = new ArrayList<>();
        int tried = 0;
        boolean onlyNetwork = true;
        for (Discovery.Hit h : hits) {
            if (tried++ >= MAX_CANDIDATES) {
                break;
            }
            Path file = state.workDir().resolve("candidate-" + TempFiles.pidTag() + "-" + h.id());
            TempFiles.track(file); // for the JVM's life: the best candidate outlives this loop; deleted after use
            try {
                Manifest m = fetchVerified(h.id(), file);
                if (bestManifest == null || m.sequence() > bestManifest.sequence()) {
                    if (best != null) {
                        BundleBackups.deleteQuietly(best);
                    }
                    best = file;
                    bestId = h.id();
                    bestManifest = m;
                    continue;
                }
            } catch (MemosException e) {
                if (e.kind() != ErrorKind.INTEGRITY && e.kind() != ErrorKind.AUTH && e.kind() != ErrorKind.NETWORK) {
                    throw e;
                }
                onlyNetwork &= e.kind() == ErrorKind.NETWORK;
                rejected.add(h.id() + ": " + e.getMessage());
            }
            BundleBackups.deleteQuietly(file);
        }
        TxIdList.add(txIdsFile, hits.stream().map(Discovery.Hit::id).toList());
        if (best == null && onlyNetwork && !rejected.isEmpty()) {
            // no candidate could be fetched at all: that says nothing about the backups, only about the gateways
            throw MemosException.network("could not download any of the " + hits.size() + " candidates (first: "
                    + rejected.get(0) + "): nothing restored", null);
        }
        if (best == null) {
            throw MemosException.integrity("none of the " + hits.size() + " candidates verified under " + key.address()
                    + (rejected.isEmpty() ? "" : " (first: " + rejected.get(0) + ")") + ": nothing restored");
        }
        return new Best(bestId, best, bestManifest, rejected);
    }

    /** Downloads an id and checks header MAC and sealed manifest under this key; returns the manifest. */
    private Manifest fetchVerified(String txId, Path file) {
        Manifest[] found = {null};
        try (BundleKeys keys = BundleKeys.derive(key)) {
            network.downloader().download(txId, file, null, f -> found[0] = ours(txId, BundleReader.open(f, keys).manifest()));
        }
        return found[0];
    }

    /** The last check of every read of a backup (restore, list): the verified manifest is this key's. */
    private Manifest ours(String txId, Manifest m) {
        if (!m.address().equals(key.address().checksummed())) {
            throw MemosException.integrity(txId + " is a backup of another address");
        }
        return m;
    }

    /**
     * One row of 'list'. {@code verification}: "verified" (this home uploaded it, or its sealed
     * manifest verified under the key), "unverified" (it did not: not a backup of this key, or
     * altered; sequence null), "unknown" (it could not be read now; sequence null).
     */
    public record Entry(String txId, Long sequence, Long unixTime, long size, String status, String verification) {
    }

    public List<Entry> list() {
        List<Discovery.Hit> hits = network.discovery().find(owners, BackupTags.query());
        BackupState state = new BackupState(home);
        Map<String, Long> known = state.knownSequences();
        String address = key.address().checksummed();
        Map<String, BackupState.Learned> learned = state.learned(address);
        List<BackupState.Learned> fresh = new ArrayList<>();
        long height = -1;
        try {
            height = network.node().info().path("height").asLong(-1);
        } catch (MemosException ignored) {
            // confirmations are then unknown; the list still stands
        }
        List<Entry> out = new ArrayList<>();
        int probes = 0;
        try (BundleKeys keys = BundleKeys.derive(key)) {
            int done = 0;
            for (Discovery.Hit h : hits) {
                network.progress().steps("list: checking candidates", done++, hits.size(), h.id().substring(0, Math.min(8, h.id().length())));
                Long unix = parseLong(h.tag("Unix-Time"));
                String status = h.height() == null ? "Pending"
                        : height >= h.height() ? "Confirmed (" + (height - h.height() + 1) + ")" : "Confirmed";
                Long seq = known.containsKey(h.id()) ? known.get(h.id())
                        : learned.containsKey(h.id()) ? Long.valueOf(learned.get(h.id()).sequence()) : null;
                String verification = seq != null ? "verified" : "unknown";
                if (seq == null && probes++ < MAX_CANDIDATES) {
                    try {
                        Manifest m = ours(h.id(), BundleReader.readManifest(
                                new RemoteBundle(network.gateways(), network.retry(), h.id(), h.size()), keys).manifest());
                        seq = m.sequence();
                        verification = "verified";
                        fresh.add(new BackupState.Learned(h.id(), address, m.sequence(), m.sha256()));
                    } catch (MemosException e) {
                        // what restore would reject is shown as such, never with a sequence; a network failure is only "unknown"
                        verification = e.kind() == ErrorKind.NETWORK ? "unknown" : "unverified";
                    } catch (java.io.IOException e) {
                        verification = "unknown";
                    }
                }
                out.add(new Entry(h.id(), seq, unix, h.size(), status, verification));
            }
        }
        state.remember(fresh);
        out.sort(Comparator.comparing((Entry e) -> e.unixTime() == null ? 0L : e.unixTime()).reversed());
        TxIdList.add(txIdsFile, out.stream().map(Entry::txId).toList());
        return out;
    }

    /**
     * What this home knows without the network: its own upload records and the sequences 'list'
     * verified earlier (sequences.json), newest sequence first. Sizes and times the cache lacks are
     * unknown (-1, null); nothing here was re-checked against Arweave.
     */
    public List<Entry> listOffline() {
        BackupState state = new BackupState(home);
        String address = key.address().checksummed();
        Map<String, Entry> byId = new java.util.LinkedHashMap<>();
        for (BackupState.Recorded r : state.recorded(address)) {
            byId.put(r.txId(), new Entry(r.txId(), r.sequence(), r.unixTime(), r.bundleSize(), "offline: uploaded here", "verified"));
        }
        for (BackupState.Learned l : state.learned(address).values()) {
            byId.putIfAbsent(l.txId(), new Entry(l.txId(), l.sequence(), null, -1, "offline: seen by list", "verified"));
        }
        List<Entry> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(Entry::sequence).reversed());
        return out;
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
