package dev.memos.app.snapshot;

import dev.memos.error.MemosException;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code backup --dry-run} and the first half of {@code --max-spend}: run the backup without
 * writing (every chunk is still cut, compressed and encrypted, so the byte and pack counts are the
 * real ones), price what it would store, and refuse above the cap. Policy: a dry run without a cap
 * still answers when the node cannot be asked (the price is then reported as unavailable); with a
 * cap, no price means no backup.
 */
public final class SnapshotEstimator {
    /** What a backup would do. {@code price} is empty when it could not be had; {@code priceUnavailable} says why. */
    public record Estimate(String outcome, long sequence, long files, long totalBytes, long newBytes, long uploadedBytes,
            int packsUploaded, long reusedChunks, BackupPricing.Quote price, String priceUnavailable) {
    }

    private final BackupPricing pricing;

    private SnapshotEstimator(Builder b) {
        this.pricing = Objects.requireNonNull(b.pricing, "pricing");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The price source; required. */
    public static final class Builder {
        private BackupPricing pricing;

        public Builder pricing(BackupPricing p) {
            pricing = p;
            return this;
        }

        public SnapshotEstimator build() {
            return new SnapshotEstimator(this);
        }
    }

    /** {@code dryRun} must have been built with {@code dryRun(true)}; throws PAYMENT (exit 6) above {@code cap}. */
    public Estimate estimate(SnapshotBackup dryRun, Path input, Optional<SpendCap> cap) throws IOException {
        cap.ifPresent(pricing::requireComparable);
        SnapshotResult r = dryRun.run(input);
        BackupPricing.Quote q = null;
        String why = null;
        try {
            q = pricing.quote(r.storedBytes());
        } catch (MemosException e) {
            if (cap.isPresent()) {
                throw e;
            }
            why = e.getMessage();
        }
        if (cap.isPresent()) {
            pricing.enforce(cap.get(), q);
        }
        return new Estimate("dry_run", r.sequence(), r.files(), r.totalBytes(), r.newBytes(), r.storedBytes(), r.packsWritten(),
                r.reusedChunks(), q, why);
    }
}
