package dev.memos.identity;

import dev.memos.config.MemosHome;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Configures an {@link IdentityStore}; every setting has a production default. */
public final class IdentityStoreBuilder {
    final MemosHome home;
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Argon2Params identityKdf = Argon2Params.DEFAULT;
    Argon2Params exportKdf = Argon2Params.DEFAULT;
    Set<String> blockedNames = BlockedNames.DEFAULT;
    HsmConfig hsm = HsmConfig.DEFAULT;
    IdentityEvents events = IdentityEvents.NONE;
    TombstoneWitness witness = TombstoneWitness.NONE;
    final List<ImportCheck> importChecks = new ArrayList<>();

    IdentityStoreBuilder(MemosHome home) {
        this.home = Objects.requireNonNull(home);
    }

    public IdentityStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public IdentityStoreBuilder random(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
        return this;
    }

    /** Argon2id parameters for new tier-2 keys (files keep their own parameters). */
    public IdentityStoreBuilder identityKdf(Argon2Params params) {
        this.identityKdf = Objects.requireNonNull(params);
        return this;
    }

    /** Argon2id parameters for new export files. */
    public IdentityStoreBuilder exportKdf(Argon2Params params) {
        this.exportKdf = Objects.requireNonNull(params);
        return this;
    }

    /** Upper-case names that may not be registered (the config key identity.blocked-names). */
    public IdentityStoreBuilder blockedNames(Set<String> names) {
        this.blockedNames = Set.copyOf(names);
        return this;
    }

    public IdentityStoreBuilder hsm(HsmConfig config) {
        this.hsm = Objects.requireNonNull(config);
        return this;
    }

    public IdentityStoreBuilder events(IdentityEvents events) {
        this.events = Objects.requireNonNull(events);
        return this;
    }

    /** Independent evidence of revoked and deleted ids, checked against the tombstone list (default: none). */
    public IdentityStoreBuilder tombstoneWitness(TombstoneWitness witness) {
        this.witness = Objects.requireNonNull(witness);
        return this;
    }

    /** Adds a check run on every import (see {@link ImportCheck}). */
    public IdentityStoreBuilder importCheck(ImportCheck check) {
        importChecks.add(Objects.requireNonNull(check));
        return this;
    }

    public IdentityStore build() {
        return new FileIdentityStore(this);
    }
}
