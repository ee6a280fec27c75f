package dev.memos.backup;

import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores a bundle safely (FORMAT.md §3.4–3.5): the destination is checked first, then the header
 * MAC and sealed manifest (a wrong key fails here, before anything is written), the detached
 * envelope if given, the rollback rule; then one pass verifies every chunk and extracts into a
 * private staging folder beside the destination against the signed inventory; only a complete,
 * verified tree replaces the destination. Any failure leaves the destination as it was.
 */
public final class BundleRestorer extends BundlePass {
    private BundleRestorer(Builder b) {
        super(b);
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
        return open(bundle, envelope, (reader, keys) -> {
            Manifest manifest = reader.manifest();
            List<String> warnings = new ArrayList<>(swap.leftovers());
            if (index != null) {
                checkRollback(manifest, ignoreRollback).ifPresent(warnings::add);
            }
            Path staging = swap.createStaging();
            try {
                BundleScanner.Scan scan = scan(reader, keys, staging, envelope);
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
        });
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

    /** Settings for a restorer; only the key is required. A rollback index is enforced and updated. */
    public static final class Builder extends BundlePass.Builder<Builder, BundleRestorer> {
        private Builder() {
        }

        @Override
        public BundleRestorer build() {
            return new BundleRestorer(this);
        }
    }
}
