package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import dev.memos.ring.SignedHead;
import dev.memos.ring.TrustScore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Issues identity tokens. Refuses what a verifier would refuse (lifetime, depth, widened scope) and
 * anything from an identity that is not active, so a token it returns is one a correct verifier
 * accepts. Delegation links are signed once and reused, so issuing costs one signature.
 */
public final class TokenIssuer {
    private final IssuerDirectory issuers;
    private final SkillKeyStore keys;
    private final TokenEvents events;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, DelegationLink> signedLinks = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DelegationLink> eldest) {
            return size() > 1024;
        }
    });

    private TokenIssuer(Builder b) {
        this.issuers = Objects.requireNonNull(b.issuers, "issuers");
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.events = b.events;
        this.clock = b.clock;
        this.random = b.random;
    }

    public static Builder builder() {
        return new Builder();
    }

    public IssuedToken issue(IssueRequest req) {
        if (!Names.isSkill(req.skill())) {
            throw MemosException.usage("'" + req.skill() + "' is not a skill ID: use skill:<name>");
        }
        long ttl = req.ttl().getSeconds();
        if (ttl < TokenVerifier.MIN_TTL_SECONDS || ttl > TokenVerifier.MAX_TTL_SECONDS || req.ttl().getNano() != 0) {
            throw MemosException.usage("--ttl must be 60..300 seconds, got " + req.ttl().getSeconds());
        }
        if (!Names.isScopeSet(req.scope())) {
            throw MemosException.usage("scopes are 1-64 characters of A-Z a-z 0-9 : . _ / - (at most " + Names.MAX_SCOPES + ")");
        }
        List<Issuer> hops = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String id : concat(req.issuer(), req.via())) {
            Issuer i = issuers.find(id).orElseThrow(() -> MemosException.usage("no identity " + id + " here: list them with 'memos id list'"));
            if (i.state() != IssuerState.ACTIVE) {
                throw MemosException.auth(id + " is " + i.state().id() + " and cannot issue tokens"
                        + (i.state() == IssuerState.SUSPENDED ? ": resume it first" : ""));
            }
            if (!names.add(id)) {
                throw MemosException.usage(id + " appears twice in the delegation path");
            }
            hops.add(i);
        }
        Issuer acting = hops.get(hops.size() - 1);
        Signer skillKey = keys.load(acting.id(), req.skill()).orElseThrow(() -> MemosException.usage(
                "no signing key of " + acting.id() + " for " + req.skill() + ": run 'memos token keygen " + req.skill()
                        + (hops.size() > 1 ? " --issuer " + acting.id() : "") + "' first"));
        int trust = acting.trustScore();
        if (trust < 10 || trust > 100) {
            throw MemosException.integrity("trust score of " + acting.id() + " is " + trust + ", outside 10..100");
        }
        List<DelegationLink> chain = new ArrayList<>(hops.get(0).grants());
        List<String> scope = req.scope();
        if (!chain.isEmpty()) {
            DelegationLink lastGrant = chain.get(chain.size() - 1);
            Issuer own = hops.get(0);
            if (!lastGrant.to().equals(req.issuer()) || lastGrant.toAlg() != own.keyAlgorithm()
                    || !Hash.equal(lastGrant.rawToKey(), own.publicKey())) {
                throw MemosException.integrity("the stored grant to " + lastGrant.to() + " is not for the current key of "
                        + req.issuer() + ": ask its delegator for a new grant");
            }
            if (scope.isEmpty()) {
                scope = lastGrant.scope();
            } else if (!lastGrant.scope().containsAll(scope)) {
                throw MemosException.usage("scope " + scope + " exceeds what " + req.issuer() + " was granted: " + lastGrant.scope());
            }
        }
        for (int i = 0; i < hops.size(); i++) {
            Issuer from = hops.get(i);
            boolean toSkill = i == hops.size() - 1;
            String to = toSkill ? req.skill() : hops.get(i + 1).id();
            byte[] toKey = toSkill ? skillKey.publicKey() : hops.get(i + 1).publicKey();
            SignatureAlgorithm toAlg = toSkill ? skillKey.algorithm() : hops.get(i + 1).keyAlgorithm();
            chain.add(link(from, to, toAlg, toKey, scope));
        }
        if (chain.size() > TokenVerifier.DEFAULT_MAX_DEPTH) {
            throw MemosException.usage("the delegation chain would have " + chain.size() + " links; verifiers accept at most "
                    + TokenVerifier.DEFAULT_MAX_DEPTH);
        }
        long iat = clock.instant().getEpochSecond();
        byte[] nonce = new byte[CitToken.NONCE_BYTES];
        random.nextBytes(nonce);
        SignedHead head = req.embedHead() ? acting.trustHead() : null;
        if (head != null) {
            // The claim is the score the embedded head gives at iat, so a verifier computing it agrees exactly.
            trust = TrustScore.fromHead(head, iat).score();
        }
        CitToken claims = new CitToken(acting.id(), req.skill(), iat, iat + ttl, nonce, trust, scope, chain, head);
        String compact = claims.encode(skillKey);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("issuer", acting.id());
        fields.put("audience", req.skill());
        fields.put("nonce", Base64Url.encode(nonce));
        fields.put("exp", claims.expiresAt());
        fields.put("depth", chain.size());
        fields.put("path", ChainRules.path(chain));
        fields.put("scope", scope);
        events.record(TokenEvents.ISSUED, fields);
        return new IssuedToken(compact, claims);
    }

    /** Signs from → to once; later tokens reuse the identical link (Ed25519 is deterministic anyway). */
    private DelegationLink link(Issuer from, String to, SignatureAlgorithm toAlg, byte[] toKey, List<String> scope) {
        DelegationLink unsigned = new DelegationLink(from.id(), from.keyAlgorithm(), from.publicKey(), to, toAlg, toKey, scope,
                new byte[0]);
        String cacheKey = digest(unsigned.signedBytes());
        DelegationLink cached = signedLinks.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Signer by = from.delegationSigner();
        DelegationLink signed = DelegationLink.sign(from.id(), by, to, toAlg, toKey, scope);
        signedLinks.put(cacheKey, signed);
        return signed;
    }

    private static String digest(byte[] b) {
        return Base64Url.encode(Hash.sha256(b));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Configures an issuer: the identity directory and the key store are required. */
    public static final class Builder {
        private IssuerDirectory issuers;
        private SkillKeyStore keys;
        private TokenEvents events = TokenEvents.NONE;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        public Builder issuers(IssuerDirectory issuers) {
            this.issuers = issuers;
            return this;
        }

        public Builder keys(SkillKeyStore keys) {
            this.keys = keys;
            return this;
        }

        public Builder events(TokenEvents events) {
            this.events = Objects.requireNonNull(events);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** For reproducible vectors only; the default is a SecureRandom. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public TokenIssuer build() {
            return new TokenIssuer(this);
        }
    }
}
