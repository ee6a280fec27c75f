package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.encoding.Base64Url;
import dev.memos.identity.KnownKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks identity tokens for one skill, with no shell and no memos home needed:
 * <pre>{@code
 * try (TokenVerifier v = TokenVerifier.builder("skill:weather").replayDirectory(dir).pinFile(pins).build()) {
 *     Verification r = v.verify(token);
 *     if (r.valid()) { r.token().mociId(); r.token().trustScore(); r.token().delegationChain(); }
 * }
 * }</pre>
 * Cheap checks run first (format, audience, lifetime, time, depth, chain shape, scopes, pins), then
 * link signatures (cached) and the token signature; only a fully valid token burns its nonce and, on
 * first sight of its issuer, pins its keys. Thread-safe.
 */
public final class TokenVerifier implements AutoCloseable {
    public static final int MIN_TTL_SECONDS = 60;
    public static final int MAX_TTL_SECONDS = 300;
    public static final int DEFAULT_MAX_DEPTH = 5;
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);
    public static final Duration MAX_SKEW = Duration.ofSeconds(120);
    /** Default replay bound: 1 Mi live nonces (16 MiB on disk, ~100 MiB of heap at worst). */
    public static final int DEFAULT_MAX_NONCES = 1 << 20;

    private final byte[] audience;
    private final String audienceText;
    private final Clock clock;
    private final long skew;
    private final long maxTtl;
    private final int maxDepth;
    private final ReplayCache replay;
    private final boolean ownsReplay;
    private final PinStore pins;
    private final boolean pinOnFirstUse;
    private final TokenEvents events;
    private final LinkCache links;
    private final IssuerKeyCheck issuerKeys;
    private final TrustCheck trust;
    private final Object pinLock = new Object();

    private TokenVerifier(Builder b) {
        this.audienceText = b.audience;
        this.audience = b.audience.getBytes(StandardCharsets.UTF_8);
        this.clock = b.clock;
        this.skew = b.skew.getSeconds();
        this.maxTtl = b.maxTtl.getSeconds();
        this.maxDepth = b.maxDepth;
        this.ownsReplay = b.replay == null;
        this.replay = b.replay != null ? b.replay
                : b.replayDir != null ? ReplayCache.persistent(b.replayDir, b.maxNonces, b.fsync, b.clock)
                : ReplayCache.inMemory(b.maxNonces);
        this.pins = b.pins != null ? b.pins : b.pinFile != null ? PinStore.file(b.pinFile) : PinStore.inMemory();
        b.explicitPins.forEach((issuer, key) -> pins.put(audienceText, issuer, new Pin(key, null)));
        this.pinOnFirstUse = b.pinOnFirstUse;
        this.events = b.events;
        this.links = new LinkCache(b.linkCacheSize);
        this.issuerKeys = b.knownKeys == null ? null : new IssuerKeyCheck(b.knownKeys, b.trustUnknownIssuers);
        this.trust = new TrustCheck(b.minTrust, b.heads);
    }

    public static Builder builder(String audienceSkill) {
        return new Builder(audienceSkill);
    }

    /** Link signatures actually checked so far (the rest came from the cache). */
    long linkSignatureChecks() {
        return links.signatureChecks();
    }

    public String audience() {
        return audienceText;
    }

    public Verification verify(String token) {
        Parsed p = null;
        Verification v;
        try {
            p = parse(token);
            v = p == null ? Verification.rejected(RejectReason.MALFORMED, "not a cit1 token") : check(p);
        } catch (IllegalArgumentException e) {
            v = Verification.rejected(RejectReason.MALFORMED, dev.memos.encoding.ParseErrors.describe(e));
        }
        if (events == TokenEvents.NONE) {
            return v;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("audience", audienceText);
        if (p != null) {
            // Unverified on rejection: logged as claimed, never as fact.
            fields.put(v.valid() ? "issuer" : "claimed_issuer", p.claims.issuer());
            fields.put("nonce", Base64Url.encode(p.claims.rawNonce()));
            fields.put("depth", p.claims.chain().size());
            fields.put(v.valid() ? "path" : "claimed_path", ChainRules.path(p.claims.chain()));
        }
        if (v.valid()) {
            fields.put("trust", v.token().trustScore());
            fields.put("trust_source", v.token().trustSource());
            events.record(TokenEvents.VERIFIED, fields);
        } else {
            fields.put("reason", v.reason().orElseThrow().code());
            events.record(TokenEvents.REJECTED, fields);
        }
        return v;
    }

    private record Parsed(CitToken claims, byte[] payload, byte[] sig) {
    }

    private static Parsed parse(String token) {
        if (token == null || token.length() > CitToken.MAX_LENGTH || !token.startsWith(CitToken.PREFIX)) {
            return null;
        }
        int dot = token.indexOf('.', CitToken.PREFIX.length());
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        byte[] payload = strictB64(token.substring(CitToken.PREFIX.length(), dot), "payload");
        byte[] sig = strictB64(token.substring(dot + 1), "signature");
        if (sig.length != 64) {
            throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
        }
        return new Parsed(CitToken.parsePayload(payload), payload, sig);
    }

    /** Names the part of the token that is wrong, never the decoder's own words. */
    private static byte[] strictB64(String s, String part) {
        byte[] b;
        try {
            b = Base64Url.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token's " + part + " is not base64url");
        }
        if (!Base64Url.encode(b).equals(s)) {
            throw new IllegalArgumentException("the token's " + part + " is not canonical unpadded base64url");
        }
        return b;
    }

    private Verification check(Parsed p) {
        CitToken t = p.claims;
        if (!Hash.equal(audience, t.audience().getBytes(StandardCharsets.UTF_8))) {
            return Verification.rejected(RejectReason.WRONG_AUDIENCE, "token is for " + t.audience() + ", not " + audienceText);
        }
        long ttl = t.expiresAt() - t.issuedAt();
        if (ttl > maxTtl) {
            return Verification.rejected(RejectReason.TTL_TOO_LONG, "lifetime " + ttl + " s exceeds " + maxTtl + " s");
        }
        if (ttl < MIN_TTL_SECONDS) {
            return Verification.rejected(RejectReason.TTL_TOO_SHORT, "lifetime " + ttl + " s is under " + MIN_TTL_SECONDS + " s");
        }
        long now = clock.instant().getEpochSecond();
        if (t.issuedAt() > now + skew) {
            return Verification.rejected(RejectReason.NOT_YET_VALID, "issued " + (t.issuedAt() - now) + " s in the future");
        }
        if (now > t.expiresAt() + skew) {
            return Verification.rejected(RejectReason.EXPIRED, "expired " + (now - t.expiresAt()) + " s ago");
        }
        List<DelegationLink> chain = t.chain();
        if (chain.size() > maxDepth) {
            return Verification.rejected(RejectReason.DEPTH_EXCEEDED, chain.size() + " links, at most " + maxDepth + " allowed");
        }
        String broken = ChainRules.brokenLink(t);
        if (broken != null) {
            return Verification.rejected(RejectReason.BROKEN_CHAIN, broken);
        }
        String widened = ChainRules.widenedScope(t);
        if (widened != null) {
            return Verification.rejected(RejectReason.SCOPE_WIDENED, widened);
        }
        DelegationLink last = chain.get(chain.size() - 1);
        Pin pin = pins.get(audienceText, t.issuer()).orElse(null);
        if (pin != null && !pin.matches(last.rawToKey(), last.rawFromKey())) {
            return Verification.rejected(RejectReason.PIN_MISMATCH, t.issuer()
                    + " signs with a key other than the pinned one: if the change is expected run 'memos token repin-key "
                    + audienceText + "'");
        }
        for (int i = 0; i < chain.size(); i++) {
            if (!links.verify(chain.get(i))) {
                return Verification.rejected(RejectReason.BAD_LINK_SIGNATURE, "link " + (i + 1) + " (" + chain.get(i) + ") is not signed by its delegator");
            }
        }
        if (!Signatures.verify(SignatureAlgorithm.ED25519, last.rawToKey(), CitToken.signedBytes(p.payload), p.sig)) {
            return Verification.rejected(RejectReason.BAD_SIGNATURE, "token signature does not verify");
        }
        IssuerKeyCheck.Verdict issuer = issuerKeys == null ? null : issuerKeys.check(chain, pin);
        if (issuer != null && issuer.rejection() != null) {
            return issuer.rejection();
        }
        TrustCheck.Outcome trusted = trust.check(t, last); // step 10b: the score from a signed head, not the claim
        if (trusted != null && trusted.rejection() != null) {
            return trusted.rejection();
        }
        // Pin check, nonce and first-use pin as one step, so two first tokens with different keys
        // racing each other cannot both be accepted.
        List<PinWrite> written = new ArrayList<>();
        synchronized (pinLock) {
            Pin current = pins.get(audienceText, t.issuer()).orElse(null);
            if (current != null && !current.matches(last.rawToKey(), last.rawFromKey())) {
                return Verification.rejected(RejectReason.PIN_MISMATCH, t.issuer() + " changed its key while this token was checked");
            }
            String behind = reportClockBehind(now);
            long keepUntil = t.expiresAt() + skew;
            switch (replay.checkAndRecord(replayKey(t), keepUntil, now)) {
                case SEEN -> {
                    return Verification.rejected(RejectReason.REPLAYED_NONCE, "nonce already used");
                }
                case FULL -> {
                    return Verification.rejected(RejectReason.REPLAY_CACHE_FULL, "replay cache full of live nonces");
                }
                case WINDOW_PASSED -> {
                    return Verification.rejected(RejectReason.REPLAY_WINDOW_PASSED, "nonces valid until "
                            + Instant.ofEpochSecond(keepUntil) + " were already purged (the clock was ahead, or went back)"
                            + ", so a replay cannot be ruled out" + behind);
                }
                case FRESH -> { }
            }
            if (current == null && pinOnFirstUse) {
                pins.put(audienceText, t.issuer(), new Pin(last.rawToKey(), last.rawFromKey()));
                written.add(new PinWrite(PinWrite.Kind.TOKEN, audienceText, t.issuer(), last.toAlg(), last.rawToKey(), "first use"));
            }
            if (issuer != null && issuer.pinsIssuer()) {
                Verification raced = issuerKeys.pin(issuer.pinOnSuccess(), audienceText); // another process may have pinned first
                if (raced != null) {
                    return raced;
                }
                issuer.pinOnSuccess().forEach(l -> written.add(new PinWrite(PinWrite.Kind.IDENTITY, audienceText, l.from(), l.fromAlg(),
                        l.rawFromKey(), IssuerKeyCheck.origin(audienceText))));
            }
        }
        List<String> path = new ArrayList<>(chain.size() + 1);
        path.add(chain.get(0).from());
        chain.forEach(l -> path.add(l.to()));
        return Verification.accepted(new VerifiedToken(t.issuer(), t.audience(), t.trustScore(), t.scope(), path,
                Instant.ofEpochSecond(t.issuedAt()), Instant.ofEpochSecond(t.expiresAt()),
                trusted == null ? VerifiedToken.CLAIMED : trusted.source()), written);
    }

    /**
     * Once per purge mark, when this clock is at or behind nonces the cache already purged: records
     * {@link TokenEvents#CLOCK_BEHIND} and returns a note for the rejection detail ("" otherwise).
     */
    private String reportClockBehind(long now) {
        java.util.OptionalLong mark = replay.clockBehindMark(now);
        if (mark.isEmpty()) {
            return "";
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("audience", audienceText);
        fields.put("now", Instant.ofEpochSecond(now).toString());
        fields.put("purged_through", Instant.ofEpochSecond(mark.getAsLong()).toString());
        events.record(TokenEvents.CLOCK_BEHIND, fields);
        return "; this clock (" + Instant.ofEpochSecond(now) + ") is behind nonces already purged through "
                + Instant.ofEpochSecond(mark.getAsLong()) + ": check the system time";
    }

    /** SHA-256(iss || 0x00 || nonce)[0..16]: a nonce counts per issuer, and the cache holds no raw claims. */
    private static byte[] replayKey(CitToken t) {
        return Arrays.copyOf(Hash.sha256(t.issuer().getBytes(StandardCharsets.UTF_8), new byte[] {0}, t.rawNonce()), 16);
    }

    @Override
    public void close() {
        if (ownsReplay) {
            replay.close();
        }
    }

    /** Configures a verifier; only the audience is required. */
    public static final class Builder {
        private final String audience;
        private Clock clock = Clock.systemUTC();
        private Duration skew = DEFAULT_SKEW;
        private Duration maxTtl = Duration.ofSeconds(MAX_TTL_SECONDS);
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private ReplayCache replay;
        private Path replayDir;
        private int maxNonces = DEFAULT_MAX_NONCES;
        private boolean fsync;
        private PinStore pins;
        private Path pinFile;
        private boolean pinOnFirstUse = true;
        private final Map<String, byte[]> explicitPins = new LinkedHashMap<>();
        private TokenEvents events = TokenEvents.NONE;
        private int linkCacheSize = 4096;
        private KnownKeys knownKeys;
        private boolean trustUnknownIssuers;
        private int minTrust;
        private HeadSource heads;

        private Builder(String audience) {
            if (!Names.isId(audience)) {
                throw new IllegalArgumentException("'" + audience + "' is not a valid audience ID");
            }
            this.audience = audience;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Allowed clock difference with issuers, 0..120 s (default 30 s). */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
                throw new IllegalArgumentException("clock skew must be 0..120 s");
            }
            this.skew = skew;
            return this;
        }

        /** Longest accepted lifetime, 60..300 s (default 300 s). */
        public Builder maxTtl(Duration ttl) {
            long s = ttl.getSeconds();
            if (s < MIN_TTL_SECONDS || s > MAX_TTL_SECONDS) {
                throw new IllegalArgumentException("max TTL must be 60..300 s");
            }
            this.maxTtl = ttl;
            return this;
        }

        /** Most delegation links accepted, 1..5 (default 5): a skill may only lower it. */
        public Builder maxDepth(int depth) {
            if (depth < 1 || depth > DEFAULT_MAX_DEPTH) {
                throw new IllegalArgumentException("max delegation depth must be 1..5");
            }
            this.maxDepth = depth;
            return this;
        }

        /** Persist accepted nonces here so a restart does not reopen the replay window (recommended). */
        public Builder replayDirectory(Path dir) {
            this.replayDir = dir;
            return this;
        }

        /** Use this cache (the caller closes it). */
        public Builder replayCache(ReplayCache cache) {
            this.replay = cache;
            return this;
        }

        public Builder maxNonces(int max) {
            this.maxNonces = max;
            return this;
        }

        /** fsync every recorded nonce: survives power loss, at a cost per token (default: survives process crashes). */
        public Builder fsyncNonces(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder pinStore(PinStore pins) {
            this.pins = pins;
            return this;
        }

        public Builder pinFile(Path file) {
            this.pinFile = file;
            return this;
        }

        /** Trust exactly this Ed25519 token key for {@code issuer} (handed over by {@code token keygen}). */
        public Builder pinnedKey(String issuer, byte[] tokenKey) {
            if (tokenKey.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
            }
            explicitPins.put(issuer, tokenKey.clone());
            return this;
        }

        /** With false, tokens from unpinned issuers are accepted without pinning them (default true: TOFU). */
        public Builder pinOnFirstUse(boolean tofu) {
            this.pinOnFirstUse = tofu;
            return this;
        }

        public Builder events(TokenEvents events) {
            this.events = Objects.requireNonNull(events);
            return this;
        }

        /** Verified links remembered (default 4096; 0 disables the cache). */
        public Builder linkCacheSize(int size) {
            this.linkCacheSize = size;
            return this;
        }

        /**
         * Bind each issuer to the key known for its ID (home identity, pin, inception record): a token
         * whose last link names another identity key is {@code key_mismatch}; with no known key and no
         * token pin it is {@code unverified_key} unless {@link #trustUnknownIssuers}.
         */
        public Builder knownKeys(KnownKeys keys) {
            this.knownKeys = keys;
            return this;
        }

        /** With {@link #knownKeys}: accept an issuer no source knows and pin its identity key there (default false). */
        public Builder trustUnknownIssuers(boolean trust) {
            this.trustUnknownIssuers = trust;
            return this;
        }

        /**
         * Refuse issuers whose trust score, computed here from a signed chain head (the token's embedded
         * head, or the newest one {@link #headSource} finds), is below {@code min} (10..100); a token
         * whose claimed score differs from the computed one is refused too (FORMAT.md §11.5 step 10b).
         */
        public Builder minTrust(int min) {
            if (min < 10 || min > 100) {
                throw new IllegalArgumentException("minimum trust must be 10..100");
            }
            this.minTrust = min;
            return this;
        }

        /** Where the newest published chain head of an issuer is found when {@link #minTrust} is set. */
        public Builder headSource(HeadSource source) {
            this.heads = source;
            return this;
        }

        public TokenVerifier build() {
            return new TokenVerifier(this);
        }
    }
}
