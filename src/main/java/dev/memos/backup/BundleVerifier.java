package dev.memos.backup;

import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a bundle completely without writing anything: header MAC, sealed manifest (hash, HMAC,
 * signature), every chunk tag, archive hash and size, and every file's size and SHA-256 against the
 * inventory; with a detached envelope also its HMAC, signature, bundle size and SHA-256. A
 * rollback (older sequence than the index knows) is reported as a warning, not a failure.
 */
public final class BundleVerifier extends BundlePass {
    private BundleVerifier(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    public VerifiedBundle verify(Path bundle) {
        return verify(bundle, Optional.empty());
    }

    public VerifiedBundle verify(Path bundle, Optional<ManifestEnvelope> envelope) {
        return open(bundle, envelope, (reader, keys) -> {
            List<String> warnings = new ArrayList<>();
            if (index != null) {
                try {
                    checkRollback(reader.manifest(), false);
                } catch (MemosException e) {
                    warnings.add(e.getMessage().replace("; pass --ignore-rollback to restore it anyway", "")
                            + " (unpack would refuse it without --ignore-rollback)");
                }
            }
            BundleScanner.Scan scan = scan(reader, keys, null, envelope);
            return new VerifiedBundle(reader.header(), reader.sealed(), scan.bundleSha256(), scan.bundleSize(), scan.chunks(), warnings);
        });
    }

    /** Settings for a verifier; only the key is required. A rollback index only lets the result warn about a rollback. */
    public static final class Builder extends BundlePass.Builder<Builder, BundleVerifier> {
        private Builder() {
        }

        @Override
        public BundleVerifier build() {
            return new BundleVerifier(this);
        }
    }
}
