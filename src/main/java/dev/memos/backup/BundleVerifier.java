package dev.memos.backup;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a bundle completely without writing anything: header MAC, sealed manifest (hash, HMAC,
 * signature), every chunk tag, archive hash and size, and every file's size and SHA-256 against the
 * inventory; with a detached envelope also its HMAC, signature, bundle size and SHA-256. A
 * rollback (older sequence than the index knows) is reported as a warning, not a failure.
 */
public final class BundleVerifier {
    private final EthPrivateKey key;
    private final RollbackIndex index;
    private final ProgressListener progress;

    private BundleVerifier(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.index = b.index;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public VerifiedBundle verify(Path bundle) {
        return verify(bundle, Optional.empty());
    }

    public VerifiedBundle verify(Path bundle, Optional<ManifestEnvelope> envelope) {
        try (BundleKeys keys = BundleKeys.derive(key)) {
            BundleReader reader = BundleReader.open(bundle, keys);
            envelope.ifPresent(env -> checkEnvelope(env, reader, keys));
            List<String> warnings = new ArrayList<>();
            if (index != null) {
                try {
                    index.check(reader.manifest(), false);
                } catch (MemosException e) {
                    warnings.add(e.getMessage().replace("; pass --ignore-rollback to restore it anyway", "")
                            + " (unpack would refuse it without --ignore-rollback)");
                }
            }
            BundleScanner.Scan scan = BundleScanner.scan(reader, keys, new SafeExtractor(null, reader.manifest(), progress), progress);
            envelope.ifPresent(env -> checkBundleHash(env, scan));
            return new VerifiedBundle(reader.header(), reader.sealed(), scan.bundleSha256(), scan.bundleSize(), scan.chunks(), warnings);
        }
    }

    /** Envelope checks that need no full pass (FORMAT.md §3.4 step 2 and 3). */
    static void checkEnvelope(ManifestEnvelope env, BundleReader reader, BundleKeys keys) {
        env.verifyMac(keys);
        if (!env.sealed().equals(reader.sealed())) {
            throw MemosException.integrity("the manifest file does not belong to this bundle (their manifests differ): pass the matching manifest.json");
        }
        if (env.bundleSize() != reader.size()) {
            throw MemosException.integrity("the bundle has " + reader.size() + " bytes but its manifest.json says " + env.bundleSize()
                    + ": the bundle is truncated or altered; get an intact copy");
        }
    }

    static void checkBundleHash(ManifestEnvelope env, BundleScanner.Scan scan) {
        if (!env.bundleSha256().equals(scan.bundleSha256())) {
            throw MemosException.integrity("the bundle's SHA-256 " + scan.bundleSha256() + " differs from manifest.json ("
                    + env.bundleSha256() + "): the bundle was altered; get an intact copy");
        }
    }

    /** Settings for a verifier; only the key is required. */
    public static final class Builder {
        private EthPrivateKey key;
        private RollbackIndex index;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        public Builder key(EthPrivateKey key) {
            this.key = key;
            return this;
        }

        /** Optional: lets the result warn about a rollback. */
        public Builder rollbackIndex(RollbackIndex index) {
            this.index = index;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public BundleVerifier build() {
            return new BundleVerifier(this);
        }
    }
}
