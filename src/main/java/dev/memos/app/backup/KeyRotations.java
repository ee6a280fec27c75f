package dev.memos.app.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.backup.RollbackIndex;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.snapshot.KeyHandover;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.Snapshots;
import dev.memos.store.HomeLock;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code backup rotate-key} (FORMAT.md §14.12): the key in use hands its snapshot history to a new
 * key. Refuses a rotation to the same key, or to another key than the one the user named, and a
 * rotation with nothing to hand over. Takes the home's backup lock so no backup of the old key
 * slips in between the head it reads and the handover it stores.
 */
public final class KeyRotations {
    /** {@code expectedAddress}: the new address the user confirmed ({@code --to}), or null. */
    public record Request(Repository repository, EthPrivateKey newKey, String expectedAddress) {
        public Request {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(newKey, "newKey");
        }
    }

    /** What was handed over: the handover's id, both addresses and the old chain's head the new key continues after. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String handoverId, String oldAddress, String newAddress, long sequence, String headSha256,
            String headSnapshotId, String createdAt, String repository, @JsonIgnore List<String> warnings) {
    }

    private final MemosHome home;
    private final EthPrivateKey key;
    private final Clock clock;

    private KeyRotations(Builder b) {
        this.home = Objects.requireNonNull(b.home, "home");
        this.key = Objects.requireNonNull(b.key, "key");
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Home and the key in use (the old key) are required. */
    public static final class Builder {
        private MemosHome home;
        private EthPrivateKey key;
        private Clock clock = Clock.systemUTC();

        public Builder home(MemosHome h) {
            home = h;
            return this;
        }

        public Builder key(EthPrivateKey k) {
            key = k;
            return this;
        }

        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        public KeyRotations build() {
            return new KeyRotations(this);
        }
    }

    public Result rotate(Request req) {
        String oldAddr = key.address().checksummed();
        String newAddr = req.newKey().address().checksummed();
        if (oldAddr.equals(newAddr)) {
            throw MemosException.usage("the new key is the key in use (" + oldAddr + "): set MEMOS_NEW_ETH_PRIVATE_KEY to a different key");
        }
        if (req.expectedAddress() != null && !expected(req.expectedAddress()).equals(newAddr)) {
            throw MemosException.usage("MEMOS_NEW_ETH_PRIVATE_KEY is the key of " + newAddr + ", not of --to " + req.expectedAddress().strip()
                    + ": nothing was handed over");
        }
        Repository repo = req.repository();
        repo.addOwnerKey(key.publicKey()); // the repository is the new key's; the history is the old key's
        home.ensure();
        RollbackIndex index = RollbackIndex.forHome(home);
        List<String> warnings = new ArrayList<>();
        try (HomeLock lock = index.lock(); SnapshotKeys oldKeys = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(repo, oldKeys, warnings);
                SnapshotKeys newKeys = SnapshotKeys.derive(req.newKey())) {
            KeyHandover.Head head = head(ring, index, repo);
            String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
            KeyHandover.Encoded h = KeyHandover.write(key, req.newKey(), head, now);
            repo.putHandover(h.id(), KeyHandover.tag(newKeys), h.bytes());
            // this home's next backup under the new key continues the chain after the old head
            if (index.latest(newAddr).map(e -> e.sequence() < head.sequence()).orElse(true)) {
                index.recordLocked(newAddr, head.sequence(), head.sha256());
            }
            return new Result(h.id(), oldAddr, newAddr, head.sequence(), head.sha256(), head.snapshotId(), now, repo.describe(), warnings);
        }
    }

    /** The newest backup of the old key's history: its newest snapshot, or the rollback index entry when higher (a bundle). */
    private KeyHandover.Head head(KeyRing ring, RollbackIndex index, Repository repo) {
        Optional<Snapshots.Listed> newest = ring.latest(repo);
        Optional<RollbackIndex.Entry> known = index.latest(key.address().checksummed());
        if (newest.isPresent() && (known.isEmpty() || known.get().sequence() <= newest.get().snapshot().sequence())) {
            Snapshots.Listed l = newest.get();
            return new KeyHandover.Head(l.snapshot().sequence(), l.snapshot().sha256(), l.id());
        }
        if (known.isPresent()) {
            return new KeyHandover.Head(known.get().sequence(), known.get().manifestSha256(), null);
        }
        throw MemosException.usage("nothing to hand over: " + key.address().checksummed() + " has no backup in " + repo.describe()
                + "; back up first, or simply start using the new key");
    }

    private static String expected(String text) {
        try {
            return EthAddress.parse(text.strip()).checksummed();
        } catch (IllegalArgumentException e) {
            throw MemosException.usage("--to " + text.strip() + " is not an Ethereum address (0x + 40 hex digits)");
        }
    }
}
