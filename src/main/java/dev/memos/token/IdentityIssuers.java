package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signer;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.UnlockedIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuers of one home, backed by the identity store: lifecycle state from {@link IdentityStore}
 * (revoked and deleted identities are revoked issuers), trust score and quarantine from the memory
 * rings ({@link RingTrust}; a quarantined identity cannot issue whatever its lifecycle state), the
 * identity's own tier key as delegation signer (unlocked only when a link must be signed: links TO an
 * identity need only its stored public key), grants from {@code tokens/grants.json}.
 */
public final class IdentityIssuers implements IssuerDirectory {
    /** Gives the unlocked identity; the caller decides whether that prompts (and closes what it opened). */
    @FunctionalInterface
    public interface Unlocker {
        UnlockedIdentity unlock(MociId id);
    }

    private final IdentityStore store;
    private final RingTrust.Reader trust;
    private final Unlocker unlocker;
    private final RingTrust.HeadSigner heads;

    public IdentityIssuers(IdentityStore store, RingTrust.Reader trust, Unlocker unlocker) {
        this(store, trust, unlocker, null);
    }

    /** As above; {@code heads} signs the chain head a token embeds ({@code token issue --with-head}). */
    public IdentityIssuers(IdentityStore store, RingTrust.Reader trust, Unlocker unlocker, RingTrust.HeadSigner heads) {
        this.store = Objects.requireNonNull(store);
        this.trust = Objects.requireNonNull(trust);
        this.unlocker = Objects.requireNonNull(unlocker);
        this.heads = heads;
    }

    @Override
    public Optional<Issuer> find(String id) {
        if (!Names.isId(id)) {
            return Optional.empty();
        }
        MociId mid;
        try {
            mid = MociId.parse(id);
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
        return store.info(mid).map(this::issuer);
    }

    /** The identity that issues when none is named: the only active one of the home. */
    public String soleIdentity() {
        Optional<IdentityInfo> only = store.onlyActive();
        if (only.isPresent()) {
            return only.get().id().toString();
        }
        List<IdentityInfo> all = store.list();
        if (all.isEmpty()) {
            throw MemosException.usage("no identity in this home: create one with 'memos id generate --name NAME' first");
        }
        throw MemosException.usage("no single active identity here (" + String.join(", ", all.stream()
                .map(i -> i.id() + " " + i.state().id()).toList()) + "): choose one with --issuer");
    }

    private Issuer issuer(IdentityInfo info) {
        String id = info.id().toString();
        RingTrust.Standing standing = info.state().usable() ? trust.read(id, info.directory().resolve("rings"))
                : RingTrust.NO_CHAIN;
        IssuerState state = switch (info.state()) {
            case ACTIVE -> standing.quarantined() ? IssuerState.QUARANTINED : IssuerState.ACTIVE;
            case SUSPENDED -> IssuerState.SUSPENDED;
            case REVOKED, DELETED -> IssuerState.REVOKED;
        };
        return new Issuer() {
            private Signer signer;

            @Override
            public String id() {
                return id;
            }

            @Override
            public IssuerState state() {
                return state;
            }

            @Override
            public int trustScore() {
                return standing.trustScore();
            }

            @Override
            public synchronized Signer delegationSigner() {
                if (signer == null) {
                    UnlockedIdentity u = unlocker.unlock(info.id());
                    if (!Hash.equal(u.signer().publicKey(), info.publicKey())) {
                        throw MemosException.integrity("the unlocked key of " + id + " is not its stored public key");
                    }
                    signer = u.signer();
                }
                return signer;
            }

            @Override
            public byte[] publicKey() {
                return info.publicKey();
            }

            @Override
            public SignatureAlgorithm keyAlgorithm() {
                return info.algorithm();
            }

            @Override
            public dev.memos.ring.SignedHead trustHead() {
                if (heads == null) {
                    return Issuer.super.trustHead();
                }
                return heads.sign(id, info.directory().resolve("rings"), delegationSigner());
            }

            @Override
            public List<DelegationLink> grants() {
                return Grants.read(info.directory().resolve("tokens").resolve(Grants.FILE), id);
            }
        };
    }
}
