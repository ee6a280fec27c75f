package dev.memos.app.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.backup.BundleRestorer;
import dev.memos.backup.BundleVerifier;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.backup.ProgressListener;
import dev.memos.backup.RestoreResult;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.VerifiedBundle;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthPrivateKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * verify-bundle and unpack: a bundle file read through one pass (core {@code BundlePass}) under the
 * same key and both rollback indexes of the home. verify only warns about a rollback; unpack
 * enforces the index of local packs and records the bundle there, checking the network one too.
 */
public final class LocalBundles {
    /** JSON: ok, bundle_sha256, bundle_size, chunks, eth_address, sequence, files, total_bytes, manifest_sha256, checked_manifest_json. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Verified(boolean ok, String bundleSha256, long bundleSize, long chunks, String ethAddress, long sequence, long files,
                           long totalBytes, String manifestSha256, boolean checkedManifestJson, @JsonIgnore List<String> warnings) {
        static Verified of(VerifiedBundle v, boolean checkedManifestJson) {
            return new Verified(true, v.bundleSha256(), v.bundleSize(), v.chunks(), v.manifest().address(), v.manifest().sequence(),
                    v.manifest().fileCount(), v.manifest().totalBytes(), v.manifest().sha256(), checkedManifestJson, v.warnings());
        }
    }

    /** JSON: destination, eth_address, sequence, created_at, files, dirs, total_bytes, bundle_sha256, manifest_sha256, replaced_existing. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unpacked(String destination, String ethAddress, long sequence, String createdAt, long files, long dirs, long totalBytes,
                           String bundleSha256, String manifestSha256, boolean replacedExisting, @JsonIgnore RestoreResult restore) {
        static Unpacked of(RestoreResult r) {
            return new Unpacked(r.destination().toString(), r.manifest().address(), r.manifest().sequence(),
                    r.manifest().createdAt().toString(), r.manifest().fileCount(), r.manifest().dirCount(), r.manifest().totalBytes(),
                    r.bundleSha256(), r.manifest().sha256(), r.replacedExisting(), r);
        }

        @JsonIgnore
        public List<String> warnings() {
            return restore.warnings();
        }
    }

    private final MemosHome home;
    private final EthPrivateKey key;
    private final ProgressListener progress;

    private LocalBundles(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.key = Objects.requireNonNull(b.key, "key");
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Home and key are required. */
    public static final class Builder {
        private MemosHome home;
        private EthPrivateKey key;
        private ProgressListener progress = ProgressListener.NONE;

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

        public Builder progress(ProgressListener p) {
            progress = p;
            return this;
        }

        public LocalBundles build() {
            return new LocalBundles(this);
        }
    }

    /** Checks everything without writing; a rollback is a warning here. */
    public Verified verify(Path bundle, Optional<ManifestEnvelope> envelope) {
        VerifiedBundle v = BundleVerifier.builder().key(key).rollbackIndex(RollbackIndex.forHome(home))
                .alsoCheck(RollbackIndex.localPacks(home)).progress(progress).build().verify(bundle, envelope);
        return Verified.of(v, envelope.isPresent());
    }

    /** Restores into {@code out} atomically; the local-pack index is enforced and records the bundle. */
    public Unpacked unpack(Path bundle, Optional<ManifestEnvelope> envelope, Path out, boolean force, boolean ignoreRollback) {
        RestoreResult r = BundleRestorer.builder().key(key).rollbackIndex(RollbackIndex.localPacks(home.ensure()))
                .alsoCheck(RollbackIndex.forHome(home)).progress(progress).build()
                .restore(bundle, envelope, out, force, ignoreRollback);
        return Unpacked.of(r);
    }
}
