package dev.memos.backup;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link BundleVerifier} and {@link BundleRestorer} share: the settings they are built from
 * and the keyed pass both make over a bundle (FORMAT.md §3.4): derive the bundle keys, open the
 * bundle (header MAC, sealed manifest), check the detached envelope if given, and later scan every
 * chunk and compare the bundle's SHA-256 with the envelope. Kept in one place so that a verify and
 * a restore can never disagree about what an intact bundle is.
 */
abstract class BundlePass {
    final EthPrivateKey key;
    final RollbackIndex index;
    final RollbackIndex alsoChecked;
    final ProgressListener progress;

    BundlePass(Builder<?, ?> b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.index = b.index;
        this.alsoChecked = b.alsoChecked;
        this.progress = b.progress;
    }

    /** The part of a pass that runs once the bundle is open and its envelope checked. */
    interface Opened<R> {
        R run(BundleReader reader, BundleKeys keys);
    }

    /** Derives the keys, opens the bundle, checks the envelope (steps 1 to 3), then runs {@code then}; the keys are wiped after. */
    final <R> R open(Path bundle, Optional<ManifestEnvelope> envelope, Opened<R> then) {
        try (BundleKeys keys = BundleKeys.derive(key)) {
            BundleReader reader = BundleReader.open(bundle, keys);
            envelope.ifPresent(env -> checkEnvelope(env, reader, keys));
            return then.run(reader, keys);
        }
    }

    /** One pass over every chunk, extracting into {@code staging} (null: verify only), then the envelope's bundle hash. */
    final BundleScanner.Scan scan(BundleReader reader, BundleKeys keys, Path staging, Optional<ManifestEnvelope> envelope) {
        BundleScanner.Scan scan = BundleScanner.scan(reader, keys, new SafeExtractor(staging, reader.manifest(), progress), progress);
        envelope.ifPresent(env -> checkBundleHash(env, scan));
        return scan;
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

    /** The rollback check over the index and the one it must also honour. */
    java.util.Optional<String> checkRollback(Manifest m, boolean ignoreRollback) {
        return RollbackIndex.check(m, ignoreRollback, alsoChecked == null ? java.util.List.of(index) : java.util.List.of(index, alsoChecked));
    }

    static void checkBundleHash(ManifestEnvelope env, BundleScanner.Scan scan) {
        if (!env.bundleSha256().equals(scan.bundleSha256())) {
            throw MemosException.integrity("the bundle's SHA-256 " + scan.bundleSha256() + " differs from manifest.json ("
                    + env.bundleSha256() + "): the bundle was altered; get an intact copy");
        }
    }

    /**
     * Settings for a pass; only the key is required. {@code B} is the public builder (so that chained
     * calls keep its type), {@code T} what it builds.
     */
    abstract static class Builder<B extends Builder<B, T>, T> {
        private EthPrivateKey key;
        private RollbackIndex index;
        private RollbackIndex alsoChecked;
        private ProgressListener progress = ProgressListener.NONE;

        Builder() {
        }

        public B key(EthPrivateKey key) {
            this.key = key;
            return self();
        }

        /** Without an index no rollback check is made (what the check does: see the verifier and the restorer). */
        public B rollbackIndex(RollbackIndex index) {
            this.index = index;
            return self();
        }

        /** Another index the rollback check also honours but that is never updated (unpack: the network chain). */
        public B alsoCheck(RollbackIndex other) {
            this.alsoChecked = other;
            return self();
        }

        public B progress(ProgressListener progress) {
            this.progress = progress;
            return self();
        }

        public abstract T build();

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
