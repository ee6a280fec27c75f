package dev.memos.backup;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Restores a bundle safely (FORMAT.md §3.4–3.5): the destination is checked first, then the header
 * MAC and sealed manifest (a wrong key fails here, before anything is written), the detached
 * envelope if given, the rollback rule; then one pass verifies every chunk and extracts into a
 * private staging folder beside the destination against the signed inventory; only a complete,
 * verified tree replaces the destination. Any failure leaves the destination as it was.
 */
public final class BundleRestorer {
    private final EthPrivateKey key;
    private final RollbackIndex index;
    private final ProgressListener progress;

    private BundleRestorer(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.index = b.index;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public RestoreResult restore(Path bundle, Path outDir, boolean force, boolean ignoreRollback) {
        return restore(bundle, Optional.empty(), outDir, force, ignoreRollback);
    }

    public RestoreResult restore(Path bundle, Optional<ManifestEnvelope> envelope, Path outDir, boolean force,
                                 boolean ignoreRollback) {
        DestinationSwap swap = DestinationSwap.prepare(outDir, force);
        if (isInside(bundle, swap.destination())) {
            // --force would move the bundle aside with the old content and then delete it.
            throw MemosException.usage("the bundle " + bundle + " is inside the destination " + outDir
                    + ": move it elsewhere first");
        }
        try (BundleKeys keys = BundleKeys.derive(key)) {
            BundleReader reader = BundleReader.open(bundle, keys);
            envelope.ifPresent(env -> BundleVerifier.checkEnvelope(env, reader, keys));
            Manifest manifest = reader.manifest();
            List<String> warnings = new ArrayList<>(swap.leftovers());
            if (index != null) {
                index.check(manifest, ignoreRollback).ifPresent(warnings::add);
            }
            Path staging = swap.createStaging();
            try {
                BundleScanner.Scan scan = BundleScanner.scan(reader, keys, new SafeExtractor(staging, manifest, progress), progress);
                envelope.ifPresent(env -> BundleVerifier.checkBundleHash(env, scan));
                swap.commit();
                if (index != null) {
                    try {
                        index.record(manifest);
                    } catch (MemosException e) {
                        // The restore is complete and in place; failing now would misreport it.
                        warnings.add("restored, but the rollback index was not updated: " + e.getMessage());
                    }
                }
                return new RestoreResult(swap.destination(), manifest, scan.bundleSha256(), swap.replacesExisting(), warnings);
            } finally {
                swap.abort();
            }
        }
    }

    private static boolean isInside(Path file, Path dir) {
        try {
            Path real = file.toRealPath();
            Path d = java.nio.file.Files.exists(dir) ? dir.toRealPath() : dir;
            return real.startsWith(d);
        } catch (java.io.IOException e) {
            return file.toAbsolutePath().normalize().startsWith(dir);
        }
    }

    /** Settings for a restorer; only the key is required. */
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

        /** Enforces and updates rollback protection; without it no rollback check is made. */
        public Builder rollbackIndex(RollbackIndex index) {
            this.index = index;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public BundleRestorer build() {
            return new BundleRestorer(this);
        }
    }
}
