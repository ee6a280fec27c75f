package dev.memos.token;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.Tier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The token components of one memos home, as the CLI uses them. Layout:
 * {@code identities/<ID>/tokens/} (sealed skill keys, grants.json; issuer side), {@code tokens/pins.json}
 * and {@code tokens/replay/} (verifier side). Issuers come from the identity store, trust and
 * quarantine from the memory rings; events go wherever the caller's {@link TokenEvents} sends them
 * (the audit log in the CLI).
 */
public final class LocalTokens {
    private final MemosHome home;
    private final Clock clock;
    private final IdentityStore store;
    private final IdentityIssuers.Unlocker unlocker;
    private final TokenEvents events;
    private DeviceSealedKeyStore keys;
    private IdentityIssuers issuers;

    public LocalTokens(MemosHome home, Clock clock, IdentityStore store, IdentityIssuers.Unlocker unlocker, TokenEvents events) {
        this.home = home;
        this.clock = clock;
        this.store = Objects.requireNonNull(store);
        this.unlocker = Objects.requireNonNull(unlocker);
        this.events = Objects.requireNonNull(events);
    }

    private DeviceKey device() {
        home.ensure();
        return DeviceKey.loadOrCreate(home.root());
    }

    /**
     * Skill keys: tier-2 identities seal them to the identity key as well (opening needs the passphrase);
     * tiers 1 and 3 seal them with the device key (FORMAT.md §11.6 says why).
     */
    public synchronized DeviceSealedKeyStore keys() {
        if (keys == null) {
            keys = new DeviceSealedKeyStore(identitiesDir(), device(), new DeviceSealedKeyStore.Binding() {
                @Override
                public boolean binds(String issuerId) {
                    return store.require(dev.memos.identity.MociId.parse(issuerId)).tier() == Tier.PASSPHRASE;
                }

                @Override
                public dev.memos.crypto.Signer identityKey(String issuerId) {
                    return unlocker.unlock(dev.memos.identity.MociId.parse(issuerId)).signer();
                }
            });
        }
        return keys;
    }

    public synchronized IdentityIssuers issuers() {
        if (issuers == null) {
            issuers = new IdentityIssuers(store, RingTrust.of(home.root(), device(), clock), unlocker,
                    RingTrust.heads(home.root(), device(), clock));
        }
        return issuers;
    }

    public TokenEvents events() {
        return events;
    }

    public TokenIssuer issuer() {
        return TokenIssuer.builder().issuers(issuers()).keys(keys()).events(events).clock(clock).build();
    }

    public Path pinFile() {
        return home.resolve("tokens").resolve("pins.json");
    }

    public Path replayDir() {
        return home.resolve("tokens").resolve("replay");
    }

    public PinStore pins() {
        tokensDir();
        return PinStore.file(pinFile());
    }

    /** {@code $MEMOS_HOME/tokens}, created 0700 before anything lands in it. */
    private Path tokensDir() {
        home.ensure();
        try {
            return dev.memos.store.PrivateFiles.ensureDirectory(home.resolve("tokens"));
        } catch (java.io.IOException e) {
            throw dev.memos.error.MemosException.failure("cannot create " + home.resolve("tokens") + ": " + e.getMessage(), e);
        }
    }

    /** A verifier for {@code skill} with this home's pins and persistent replay cache; close it after use. */
    public TokenVerifier verifier(String skill, int maxDepth) {
        tokensDir();
        return TokenVerifier.builder(skill).clock(clock).maxDepth(maxDepth).pinFile(pinFile())
                .replayDirectory(replayDir()).events(events).build();
    }

    /**
     * As {@link #verifier(String, int)}, with every issuer bound to the key {@code keys} knows for its ID;
     * an issuer with no known key and no token pin is refused unless {@code trustOnFirstUse}.
     */
    public TokenVerifier verifier(String skill, int maxDepth, dev.memos.identity.KnownKeys keys, boolean trustOnFirstUse) {
        return verifier(skill, maxDepth, keys, trustOnFirstUse, 0, null);
    }

    /** As above; {@code minTrust} 10..100 (0: none) is checked against a signed chain head, embedded or from {@code heads}. */
    public TokenVerifier verifier(String skill, int maxDepth, dev.memos.identity.KnownKeys keys, boolean trustOnFirstUse, int minTrust,
                                  HeadSource heads) {
        tokensDir();
        TokenVerifier.Builder b = TokenVerifier.builder(skill).clock(clock).maxDepth(maxDepth).pinFile(pinFile())
                .replayDirectory(replayDir()).events(events).knownKeys(keys).trustUnknownIssuers(trustOnFirstUse).headSource(heads);
        return (minTrust > 0 ? b.minTrust(minTrust) : b).build();
    }

    private Path identitiesDir() {
        return home.resolve("identities");
    }
}
