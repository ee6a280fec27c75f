package dev.memos.backup.legacy;

import dev.memos.backup.DestinationSwap;
import dev.memos.backup.RollbackIndex;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Restores a backup the original MemOS made with memos' own safety (FORMAT.md §16.4): the
 * destination is checked first, the manifest authenticated, the rollback rule applied (one index
 * per address for both kinds of backup), the bundle decrypted in memory, extracted into a private
 * staging folder and only then swapped into place. Any refusal leaves the destination as it was.
 */
public final class LegacyRestorer {
    private final EthPrivateKey key;
    private final List<RollbackIndex> checked;
    private final RollbackIndex recorded;

    private LegacyRestorer(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.checked = List.copyOf(b.checked);
        this.recorded = b.recorded;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What was restored. */
    public record Result(Path destination, LegacyManifest manifest, long files, boolean replacedExisting, List<String> warnings) {
    }

    public Result restore(byte[] bundle, LegacyManifest m, Path out, boolean force, boolean ignoreRollback) {
        DestinationSwap swap = DestinationSwap.prepare(out, force);
        LegacyOpener.authenticate(m, key);
        List<String> warnings = new ArrayList<>(swap.leftovers());
        String address = key.address().checksummed();
        if (m.sequence() > 0 && !checked.isEmpty()) {
            RollbackIndex.check(address, m.sequence(), m.sha256(), "original MemOS backup", ignoreRollback, checked)
                    .ifPresent(warnings::add);
        }
        byte[] tarGz = LegacyOpener.decrypt(bundle, m, key);
        Path staging = swap.createStaging();
        try {
            long files = LegacyArchive.extract(tarGz, m, staging);
            swap.commit();
            if (recorded != null && m.sequence() > 0) {
                try (HomeLock ignored = recorded.lock()) {
                    recorded.recordLocked(address, m.sequence(), m.sha256());
                } catch (MemosException e) {
                    warnings.add("restored, but the rollback index was not updated: " + e.getMessage());
                }
            }
            return new Result(swap.destination(), m, files, swap.replacesExisting(), warnings);
        } finally {
            swap.abort();
        }
    }

    /** Settings: the key is required; without indexes no rollback rule applies (tests, dry runs). */
    public static final class Builder {
        private EthPrivateKey key;
        private final List<RollbackIndex> checked = new ArrayList<>();
        private RollbackIndex recorded;

        private Builder() {
        }

        public Builder key(EthPrivateKey k) {
            this.key = k;
            return this;
        }

        /** The index raised after a restore; it is also checked. */
        public Builder rollbackIndex(RollbackIndex index) {
            this.recorded = index;
            this.checked.add(index);
            return this;
        }

        /** Another index whose sequence a restore must not go below. */
        public Builder alsoCheck(RollbackIndex index) {
            this.checked.add(index);
            return this;
        }

        public LegacyRestorer build() {
            return new LegacyRestorer(this);
        }
    }
}
