package dev.memos.app.backup;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.arweave.Downloader;
import dev.memos.arweave.ReadBack;
import dev.memos.arweave.TxIdList;
import dev.memos.arweave.UploadCost;
import dev.memos.arweave.UploadReceipt;
import dev.memos.arweave.Uploader;
import dev.memos.backup.BundleKeys;
import dev.memos.backup.BundlePacker;
import dev.memos.backup.Manifest;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.backup.PackResult;
import dev.memos.backup.ProgressListener;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * backup = pack → skip if the inventory equals the last upload → upload → read back and compare
 * SHA-256 → only then record the sequence, the manifest and the tx id. Packing runs against a
 * copy of the rollback index, so a skipped, dry-run or failed upload leaves no sequence behind.
 */
public final class BundleBackups {
    /** The work files of backup and restore (backup-pidN-…, index-, readback-, restore-, candidate-) and their temporary siblings. */
    private static final Pattern STALE = Pattern.compile("\\.?(?:backup|index|readback|restore|candidate)-pid(\\d+)-.*");

    private final MemosHome home;
    private final EthPrivateKey key;
    private final Uploader uploader;
    private final ReadBack readBack;
    private final Clock clock;
    private final Path txIdsFile;
    private final ProgressListener progress;
    private final SnapshotBackups.ChainHead chainHead;

    private BundleBackups(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.key = Objects.requireNonNull(b.key, "key");
        this.uploader = Objects.requireNonNull(b.uploader, "uploader");
        this.clock = b.clock;
        // Reads back through the downloader, waiting up to the default window for a lagging gateway.
        this.readBack = b.readBack != null ? b.readBack
                : new ReadBack(Objects.requireNonNull(b.downloader, "readBack or downloader"), ReadBack.DEFAULT_WINDOW, clock, ReadBack.REAL);
        this.txIdsFile = Objects.requireNonNull(b.txIdsFile, "txIdsFile");
        this.progress = b.progress;
        this.chainHead = b.chainHead;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Home, key, uploader, tx-id list and a read-back (or a downloader to read back through) are required. */
    public static final class Builder {
        private MemosHome home;
        private EthPrivateKey key;
        private Uploader uploader;
        private ReadBack readBack;
        private Downloader downloader;
        private Clock clock = Clock.systemUTC();
        private Path txIdsFile;
        private ProgressListener progress = ProgressListener.NONE;
        private SnapshotBackups.ChainHead chainHead = () -> null;

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

        public Builder uploader(Uploader u) {
            uploader = u;
            return this;
        }

        public Builder readBack(ReadBack r) {
            readBack = r;
            return this;
        }

        public Builder downloader(Downloader d) {
            downloader = d;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public Builder txIdsFile(Path p) {
            txIdsFile = p;
            return this;
        }

        /** Hears of the pack; the upload and read-back report through their own gateways. */
        public Builder progress(ProgressListener p) {
            progress = p;
            return this;
        }

        /** For a home that knows no backup of this key: continue the chain found on the network (see {@link BundleRestores#adoptChainHead}). */
        public Builder chainHead(SnapshotBackups.ChainHead c) {
            chainHead = c;
            return this;
        }

        public BundleBackups build() {
            return new BundleBackups(this);
        }
    }

    /**
     * What a backup did: uploaded, skipped (unchanged) or only priced (dry run). JSON: outcome,
     * sequence, tx_id, bundle_bytes, bundle_sha256, detail and, once uploaded, arweave_url and the
     * estimated_cost_* fields of {@link UploadCost#fields()}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String outcome, long sequence, String txId, long bundleBytes, String bundleSha256, String detail,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String arweaveUrl,
                         @JsonIgnore List<String> warnings, @JsonIgnore UploadCost cost) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        /** A result that uploaded nothing, so cost nothing to report. */
        Result(String outcome, long sequence, String txId, long bundleBytes, String bundleSha256, String detail, List<String> warnings) {
            this(outcome, sequence, txId, bundleBytes, bundleSha256, detail, null, warnings, UploadCost.unknown());
        }

        /** The same result with the gateway URL where the upload can be read (the shell knows the profile's gateway). */
        public Result withArweaveUrl(String url) {
            return new Result(outcome, sequence, txId, bundleBytes, bundleSha256, detail, url, warnings, cost);
        }

        /** The estimated cost next to the URL, as upload shows it; nothing before an upload. */
        @JsonAnyGetter
        public Map<String, Object> costFields() {
            return arweaveUrl == null ? Map.of() : cost.fields();
        }
    }

    public Result backup(Path input, boolean dryRun, boolean force) {
        home.ensure();
        List<String> adopted = new ArrayList<>();
        if (RollbackIndex.forHome(home).latest(key.address().checksummed()).isEmpty()) {
            // A home with no record of this address continues the chain found on the network.
            Optional.ofNullable(chainHead.adopt()).ifPresent(adopted::add);
        }
        BackupState state = new BackupState(home);
        Path work = state.workDir();
        RollbackIndex real = RollbackIndex.forHome(home);
        sweep(real, work);
        // Work files name their process (see sweep) and are deleted by the exit hook on SIGINT/SIGTERM.
        Path bundle = work.resolve("backup-" + TempFiles.pidTag() + "-" + clock.millis() + ".bundle");
        // The copy lives in its own folder because RollbackIndex keeps a lock file beside it.
        Path indexDir = work.resolve("index-" + TempFiles.pidTag() + "-" + clock.millis());
        Path indexCopy = indexDir.resolve(RollbackIndex.FILE);
        try (TempFiles.Tracked b = TempFiles.track(bundle); TempFiles.Tracked i = TempFiles.track(indexDir)) {
            Files.createDirectories(indexDir);
            if (Files.exists(real.file())) {
                Files.copy(real.file(), indexCopy, StandardCopyOption.REPLACE_EXISTING);
            }
            PackResult packed = BundlePacker.builder().key(key).rollbackIndex(RollbackIndex.at(indexCopy)).clock(clock).progress(progress).build()
                    .pack(input, bundle);
            List<String> warnings = new ArrayList<>(packed.skipped().stream().map(s -> "skipped " + s).toList());
            warnings.addAll(adopted);
            String address = packed.manifest().address();
            Optional<BackupState.Last> last = state.last(address);
            String inventory = BackupState.inventorySha256(packed.manifest());
            if (!force && last.isPresent() && last.get().inventorySha256().equals(inventory)) {
                return new Result("unchanged", last.get().sequence(), last.get().txId(), packed.bundleSize(), packed.bundleSha256(),
                        "nothing changed since backup " + last.get().sequence() + " (" + last.get().txId()
                                + "): not uploaded; pass --force to upload anyway", warnings);
            }
            if (dryRun) {
                return new Result("dry-run", packed.manifest().sequence(), null, packed.bundleSize(), packed.bundleSha256(),
                        uploader.describeCost(packed.bundleSize()) + "; nothing uploaded (--dry-run)", warnings);
            }
            Published p = publish(bundle, packed.envelope());
            try (var lock = real.lock()) {
                real.recordLocked(packed.manifest());
            }
            return new Result("uploaded", packed.manifest().sequence(), p.receipt().id(), packed.bundleSize(),
                    packed.bundleSha256(), p.receipt().detail(), null, warnings, p.receipt().cost());
        } catch (IOException e) {
            throw MemosException.failure("cannot prepare the backup in " + work + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(bundle);
            // the whole folder: beside the copy and its lock file lies the copy's own sealed copy
            // (FORMAT.md §17), and a folder left behind outlives this process
            try {
                TempFiles.deleteTree(indexDir);
            } catch (IOException ignored) {
                // temp files live in $MEMOS_HOME/tmp and the next backup sweeps them
            }
        }
    }

    /** An upload and the envelope that now names its tx id. */
    public record Published(UploadReceipt receipt, ManifestEnvelope envelope) {
    }

    /**
     * Uploads a packed bundle after checking it matches its envelope, reads it back through the
     * gateways and compares SHA-256, then records the envelope with the tx id.
     */
    public Published publish(Path bundle, ManifestEnvelope envelope) {
        String actual;
        try {
            actual = Hash.sha256Hex(bundle);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + bundle + ": " + e.getMessage(), e);
        }
        if (!actual.equals(envelope.bundleSha256())) {
            throw MemosException.integrity("the bundle's SHA-256 differs from its manifest: pass the matching --manifest");
        }
        if (!envelope.manifest().address().equals(key.address().checksummed())) {
            throw MemosException.usage("the bundle belongs to " + envelope.manifest().address() + ", not to the unlocked key");
        }
        UploadReceipt receipt = uploader.upload(bundle, BackupTags.of(envelope, clock.instant().getEpochSecond()));
        TxIdList.add(txIdsFile, List.of(receipt.id()));
        BackupState state = new BackupState(home);
        Path check = state.workDir().resolve("readback-" + TempFiles.pidTag() + "-" + receipt.id());
        try (TempFiles.Tracked t = TempFiles.track(check)) {
            readBack.verify(receipt.id(), check, envelope.bundleSha256());
        } finally {
            deleteQuietly(check);
        }
        ManifestEnvelope withTx;
        try (BundleKeys keys = BundleKeys.derive(key)) {
            withTx = envelope.withTxId(receipt.id(), keys, EthSigner.of(key));
        }
        state.recordUpload(withTx);
        return new Published(receipt, withTx);
    }

    /**
     * What upload did: priced only (dry run: bytes, cost, uploaded=false) or uploaded and read back
     * (bytes, uploaded, tx_id, via, detail, verified_sha256, arweave_url, estimated_cost_*).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Upload(long bytes, String cost, boolean uploaded, String txId, String via, String detail, String verifiedSha256,
                         String arweaveUrl, @JsonIgnore UploadCost estimate) {
        /** The same upload with the gateway URL where it can be read. */
        public Upload withArweaveUrl(String url) {
            return new Upload(bytes, cost, uploaded, txId, via, detail, verifiedSha256, url, estimate);
        }

        @JsonAnyGetter
        public Map<String, Object> costFields() {
            return arweaveUrl == null ? Map.of() : estimate.fields();
        }
    }

    /**
     * upload: prices a packed bundle ({@code dryRun}) or publishes it ({@link #publishPacked}) and
     * writes the envelope that now names its tx id back to {@code manifestFile}.
     */
    public Upload upload(Path bundle, ManifestEnvelope envelope, Path manifestFile, boolean dryRun) {
        long bytes;
        try {
            bytes = Files.size(bundle);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + bundle + ": " + e.getMessage(), e);
        }
        if (dryRun) {
            return new Upload(bytes, uploader.describeCost(bytes), false, null, null, null, null, null, UploadCost.unknown());
        }
        Published p = publishPacked(bundle, envelope);
        p.envelope().write(manifestFile);
        return new Upload(bytes, null, true, p.receipt().id(), p.receipt().via(), p.receipt().detail(), envelope.bundleSha256(), null,
                p.receipt().cost());
    }

    /**
     * Publishes a bundle made by {@code pack} (FORMAT.md §5): one that the chain this home knows has
     * already reached or passed is refused before anything is uploaded, since a second bundle of a
     * sequence would fork the chain on the network; once read back, its sequence joins the index.
     */
    public Published publishPacked(Path bundle, ManifestEnvelope envelope) {
        RollbackIndex index = RollbackIndex.forHome(home);
        Manifest m = envelope.manifest();
        index.latest(m.address()).ifPresent(known -> {
            boolean same = known.sequence() == m.sequence() && known.manifestSha256().equals(m.sha256());
            if (known.sequence() >= m.sequence() && !same) {
                throw MemosException.integrity("the bundle has sequence " + m.sequence() + " but backup " + known.sequence()
                        + " is already on the chain of " + m.address() + ": uploading it would fork the chain;"
                        + " pack again and upload the new bundle; nothing was uploaded");
            }
        });
        Published p = publish(bundle, envelope);
        index.record(m);
        return p;
    }

    /**
     * Deletes the work files of backups whose process is gone (killed, or the machine stopped),
     * holding the home's lock; another memos holding it is at work, so the sweep waits for a later run.
     */
    static void sweep(RollbackIndex index, Path work) {
        try (HomeLock lock = index.lock()) {
            TempFiles.sweep(work, STALE);
        } catch (MemosException busy) {
            // another memos process holds the home: its files are live; sweep on a later run
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temp files live in $MEMOS_HOME/tmp and are harmless
        }
    }
}
