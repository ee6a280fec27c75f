package dev.memos.app.identity;

import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.ring.Revocation;
import dev.memos.ring.RingStore;
import dev.memos.ring.SignedHead;
import dev.memos.ring.TrustScore;
import dev.memos.store.DirectorySize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The identity use cases that read: {@code id status} (trust score, rings, chain, quarantine). The
 * rings are opened read-only with this home's device keys (no unlock); rings that do not verify are
 * reported, not fatal, so a damaged identity can still be looked at.
 */
public final class IdentityService {
    private final IdentityStore store;
    private final Function<MociId, RingStore> readOnlyRings;
    private final Supplier<Optional<MociId>> unlocked;
    private final Clock clock;

    private IdentityService(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.readOnlyRings = Objects.requireNonNull(b.readOnlyRings, "readOnlyRings");
        this.unlocked = b.unlocked;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private IdentityStore store;
        private Function<MociId, RingStore> readOnlyRings;
        private Supplier<Optional<MociId>> unlocked = Optional::empty;
        private Clock clock = Clock.systemUTC();

        public Builder store(IdentityStore store) {
            this.store = store;
            return this;
        }

        /** The identity's rings opened read-only, or null when it has no memory yet; throws when they do not verify. */
        public Builder readOnlyRings(Function<MociId, RingStore> readOnlyRings) {
            this.readOnlyRings = readOnlyRings;
            return this;
        }

        /** The identity this session holds unlocked, if any. */
        public Builder unlocked(Supplier<Optional<MociId>> unlocked) {
            this.unlocked = unlocked;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public IdentityService build() {
            return new IdentityService(this);
        }
    }

    public IdStatus status(MociId id) {
        IdentityInfo i = store.require(id);
        List<String> warnings = new ArrayList<>();
        RingStore rings = null;
        String ringsError = null;
        try {
            rings = readOnlyRings.apply(id);
        } catch (MemosException e) {
            ringsError = e.getMessage();
            warnings.add("the memory rings of " + id + " did not verify: " + e.getMessage());
        }
        TrustScore trust = null;
        IdStatus.Rings r = null;
        IdStatus.Chain chain = null;
        boolean quarantined;
        if (ringsError != null) {
            quarantined = RingStore.quarantinedAt(i.directory().resolve("rings"));
        } else if (rings == null) {
            long days = Math.max(0, Duration.between(i.created(), clock.instant()).toDays());
            trust = TrustScore.compute(days, 0, 0, 0, false);
            r = new IdStatus.Rings(0, 0, 0, 0, 0, 0, 0, 0);
            quarantined = false;
        } else {
            RingStore.Status st = rings.status();
            SignedHead head = rings.head();
            trust = rings.trust();
            r = new IdStatus.Rings(st.ring0Entries(), st.ring0Bytes(), st.ring1Entries(), st.ring2Entries(), st.chainSteps() + 1,
                    st.ring3Months(), st.fileBytes(), st.budget());
            chain = new IdStatus.Chain(Hex.encode(head.stepHash()), head.step(), head.step() + 1,
                    Instant.ofEpochSecond(head.stepTime()).toString(), Revocation.revoked(rings));
            quarantined = st.quarantined();
        }
        DirectorySize ringFiles = DirectorySize.of(i.directory().resolve("rings"));
        DirectorySize audit = DirectorySize.of(i.directory().resolve("audit"));
        DirectorySize tokens = DirectorySize.of(i.directory().resolve("tokens"));
        boolean isUnlocked = unlocked.get().map(id::equals).orElse(false);
        return new IdStatus(i.id().toString(), i.state().id(), i.tier().number(), i.algorithm().id(), Hex.encode(i.publicKey()),
                dev.memos.crypto.KeyFingerprint.of(i.publicKey()), i.created().toString(), i.updated().toString(), isUnlocked,
                store.isTombstoned(id), trust == null ? null : trust.score(), trust == null ? null : trust.tier(), r, chain,
                quarantined, ringsError, ringFiles.files(), ringFiles.bytes(), audit.files(), audit.bytes(), tokens.files(), tokens.bytes(),
                warnings);
    }
}
