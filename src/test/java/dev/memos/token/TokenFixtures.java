package dev.memos.token;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signer;
import dev.memos.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed little world: human → CW-NOVA → CW-APEX → skill:weather, deterministic keys, a settable clock. */
final class TokenFixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String HUMAN = "human:alice";
    static final String NOVA = "CW-NOVA.R7KMX2-E2";
    static final String APEX = "CW-APEX.K4PQ9Z-7B";
    static final String SKILL = "skill:weather";
    static final List<String> GRANTED = List.of("weather:read", "weather:write");

    final MutableClock clock = new MutableClock(T0);
    final Ed25519 human = key("human");
    final Ed25519 nova = key("nova");
    final Ed25519 apex = key("apex");
    final Map<String, TestIssuer> identities = new HashMap<>();
    final CountingKeys keys = new CountingKeys();
    final DelegationLink humanToNova;

    TokenFixtures() {
        humanToNova = DelegationLink.sign(HUMAN, human, NOVA, SignatureAlgorithm.ED25519, nova.publicKey(), GRANTED);
        identities.put(NOVA, new TestIssuer(NOVA, IssuerState.ACTIVE, 72, nova, List.of(humanToNova)));
        identities.put(APEX, new TestIssuer(APEX, IssuerState.ACTIVE, 55, apex, List.of()));
        keys.put(APEX, SKILL, key("apex/skill:weather"));
        keys.put(NOVA, SKILL, key("nova/skill:weather"));
    }

    /** Seed = SHA-256("memos-cit-vector:" + label), so vectors can list the seeds and anyone can rebuild them. */
    static Ed25519 key(String label) {
        return Ed25519.fromSeed(SecretBytes.adopt(sha256("memos-cit-vector:" + label)));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void setState(String id, IssuerState state) {
        TestIssuer i = identities.get(id);
        identities.put(id, new TestIssuer(i.id(), state, i.trustScore(), i.delegationSigner(), i.grants()));
    }

    TokenIssuer issuer() {
        return issuer(new SecureRandom());
    }

    TokenIssuer issuer(SecureRandom random) {
        return TokenIssuer.builder().issuers(id -> Optional.ofNullable(identities.get(id))).keys(keys).clock(clock)
                .random(random).build();
    }

    TokenVerifier.Builder verifier() {
        return TokenVerifier.builder(SKILL).clock(clock);
    }

    /** The full three-link chain token: human → NOVA → APEX → skill, scope weather:read. */
    IssuedToken issueFull() {
        return issuer().issue(new IssueRequest(NOVA, List.of(APEX), SKILL, Duration.ofSeconds(120), List.of("weather:read")));
    }

    /** Claims with any values, signed by {@code key}: how the negative tests build tokens no honest issuer makes. */
    static String sign(CitToken claims, Signer key) {
        return claims.encode(key);
    }

    /** A straight chain key0 → key1 → … → skill with one scope list for every link. */
    static List<DelegationLink> chain(List<String> ids, List<? extends Signer> signers, Signer skillKey, List<String> scope) {
        List<DelegationLink> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            boolean last = i == ids.size() - 1;
            Signer to = last ? skillKey : signers.get(i + 1);
            out.add(DelegationLink.sign(ids.get(i), signers.get(i), last ? SKILL : ids.get(i + 1), to.algorithm(),
                    to.publicKey(), scope));
        }
        return out;
    }

    static byte[] nonce(int n) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) n);
        return b;
    }

    record TestIssuer(String id, IssuerState state, int trustScore, Signer delegationSigner, List<DelegationLink> grants)
            implements Issuer {
    }

    /** Skill keys in memory; counts signatures so tests can see that links are signed once. */
    static final class CountingKeys implements SkillKeyStore {
        final Map<String, Signer> map = new HashMap<>();
        final AtomicInteger signatures = new AtomicInteger();

        void put(String issuer, String skill, Ed25519 key) {
            map.put(issuer + "|" + skill, key);
        }

        @Override
        public Signer generate(String issuerId, String skill, boolean replace) {
            Ed25519 k = Ed25519.generate();
            put(issuerId, skill, k);
            return k;
        }

        @Override
        public Optional<Signer> load(String issuerId, String skill) {
            return Optional.ofNullable(map.get(issuerId + "|" + skill));
        }
    }

    /** A signer wrapper that counts calls. */
    static final class CountingSigner implements Signer {
        final Signer inner;
        final AtomicInteger calls = new AtomicInteger();

        CountingSigner(Signer inner) {
            this.inner = inner;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return inner.algorithm();
        }

        @Override
        public byte[] publicKey() {
            return inner.publicKey();
        }

        @Override
        public byte[] sign(byte[] message) {
            calls.incrementAndGet();
            return inner.sign(message);
        }
    }}
