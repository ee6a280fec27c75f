package dev.memos.token;

import static dev.memos.token.TokenFixtures.APEX;
import static dev.memos.token.TokenFixtures.HUMAN;
import static dev.memos.token.TokenFixtures.NOVA;
import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rejection reason: each builds the smallest token that must fail for exactly that reason. */
class TokenVerifierRejectionTest {
    private final TokenFixtures f = new TokenFixtures();

    private RejectReason reject(TokenVerifier v, String token) {
        Verification r = v.verify(token);
        assertTrue(!r.valid(), "expected a rejection, got " + r);
        return r.reason().orElseThrow();
    }

    private CitToken claims(long iat, long exp, List<String> scope, List<DelegationLink> chain, String iss) {
        return new CitToken(iss, SKILL, iat, exp, TokenFixtures.nonce(7), 55, scope, chain);
    }

    private List<DelegationLink> apexChain(List<String> scope) {
        return TokenFixtures.chain(List.of(APEX), List.of(f.apex), f.keys.load(APEX, SKILL).orElseThrow(), scope);
    }

    private Ed25519 apexSkillKey() {
        return (Ed25519) f.keys.load(APEX, SKILL).orElseThrow();
    }

    @Test
    void accepts_an_honest_three_link_token() {
        IssuedToken t = f.issueFull();
        Verification r = f.verifier().build().verify(t.compact());
        assertTrue(r.valid(), r.toString());
        assertEquals(APEX, r.token().mociId());
        assertEquals(55, r.token().trustScore());
        assertEquals(List.of(HUMAN, NOVA, APEX, SKILL), r.token().delegationChain());
        assertEquals(List.of("weather:read"), r.token().scope());
    }

    @Test
    void rejects_bad_signature() {
        String t = f.issueFull().compact();
        int dot = t.lastIndexOf('.');
        byte[] sig = Base64Url.decode(t.substring(dot + 1));
        sig[10] ^= 1;
        assertEquals(RejectReason.BAD_SIGNATURE, reject(f.verifier().build(), t.substring(0, dot + 1) + Base64Url.encode(sig)));
    }

    @Test
    void rejects_tampered_payload() {
        IssuedToken t = f.issueFull();
        CitToken c = t.claims();
        CitToken raised = new CitToken(c.issuer(), c.audience(), c.issuedAt(), c.expiresAt(), c.nonce(), 99, c.scope(), c.chain());
        String sig = t.compact().substring(t.compact().lastIndexOf('.'));
        String forged = CitToken.PREFIX + Base64Url.encode(raised.payload()) + sig;
        assertEquals(RejectReason.BAD_SIGNATURE, reject(f.verifier().build(), forged));
    }

    @Test
    void rejects_expired() {
        String t = f.issueFull().compact();
        f.clock.advance(Duration.ofSeconds(120 + 31));
        assertEquals(RejectReason.EXPIRED, reject(f.verifier().build(), t));
    }

    @Test
    void accepts_expired_within_clock_skew() {
        String t = f.issueFull().compact();
        f.clock.advance(Duration.ofSeconds(120 + 30));
        assertTrue(f.verifier().build().verify(t).valid());
    }

    @Test
    void rejects_not_yet_valid() {
        f.clock.advance(Duration.ofSeconds(31));
        String t = f.issueFull().compact();
        f.clock.advance(Duration.ofSeconds(-31));
        assertEquals(RejectReason.NOT_YET_VALID, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_ttl_too_long() {
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 301, List.of(), apexChain(List.of()), APEX), apexSkillKey());
        assertEquals(RejectReason.TTL_TOO_LONG, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_ttl_above_a_lowered_maximum() {
        String t = f.issueFull().compact();
        assertEquals(RejectReason.TTL_TOO_LONG, reject(f.verifier().maxTtl(Duration.ofSeconds(60)).build(), t));
    }

    @Test
    void rejects_ttl_too_short() {
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 59, List.of(), apexChain(List.of()), APEX), apexSkillKey());
        assertEquals(RejectReason.TTL_TOO_SHORT, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_wrong_audience() {
        String t = f.issueFull().compact();
        assertEquals(RejectReason.WRONG_AUDIENCE, reject(TokenVerifier.builder("skill:calendar").clock(f.clock).build(), t));
    }

    @Test
    void rejects_replayed_nonce() {
        String t = f.issueFull().compact();
        TokenVerifier v = f.verifier().build();
        assertTrue(v.verify(t).valid());
        assertEquals(RejectReason.REPLAYED_NONCE, reject(v, t));
    }

    @Test
    void rejects_replayed_nonce_after_restart(@TempDir Path dir) {
        String t = f.issueFull().compact();
        try (TokenVerifier v = f.verifier().replayDirectory(dir).build()) {
            assertTrue(v.verify(t).valid());
        }
        f.clock.advance(Duration.ofSeconds(100));
        try (TokenVerifier restarted = f.verifier().replayDirectory(dir).build()) {
            assertEquals(RejectReason.REPLAYED_NONCE, reject(restarted, t));
        }
    }

    @Test
    void rejects_pin_mismatch_then_accepts_after_repin(@TempDir Path dir) {
        Path pins = dir.resolve("pins.json");
        try (TokenVerifier v = f.verifier().pinFile(pins).build()) {
            assertTrue(v.verify(f.issueFull().compact()).valid());
        }
        f.keys.generate(APEX, SKILL, true); // the issuer rotates its skill key
        String rotated = f.issueFull().compact();
        try (TokenVerifier v = f.verifier().pinFile(pins).build()) {
            assertEquals(RejectReason.PIN_MISMATCH, reject(v, rotated));
        }
        assertEquals(1, PinStore.file(pins).remove(SKILL, APEX)); // what 'token repin-key' does
        try (TokenVerifier v = f.verifier().pinFile(pins).build()) {
            assertTrue(v.verify(rotated).valid());
        }
    }

    @Test
    void rejects_key_other_than_the_explicitly_pinned_one() {
        TokenVerifier v = f.verifier().pinnedKey(APEX, Ed25519.generate().publicKey()).build();
        assertEquals(RejectReason.PIN_MISMATCH, reject(v, f.issueFull().compact()));
    }

    @Test
    void rejects_depth_6() {
        List<String> ids = new ArrayList<>();
        List<Ed25519> signers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add("CW-HOP" + i + ".AAAAAA-00");
            signers.add(TokenFixtures.key("hop" + i));
        }
        Ed25519 skillKey = TokenFixtures.key("hop5/skill");
        long iat = f.clock.instant().getEpochSecond();
        List<DelegationLink> chain = TokenFixtures.chain(ids, signers, skillKey, List.of());
        String t = TokenFixtures.sign(new CitToken(ids.get(5), SKILL, iat, iat + 60, TokenFixtures.nonce(1), 50, List.of(), chain),
                skillKey);
        assertEquals(RejectReason.DEPTH_EXCEEDED, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_depth_above_a_lowered_limit() {
        assertEquals(RejectReason.DEPTH_EXCEEDED, reject(f.verifier().maxDepth(2).build(), f.issueFull().compact()));
    }

    @Test
    void rejects_widened_scope_in_a_link() {
        DelegationLink humanToApex = DelegationLink.sign(HUMAN, f.human, APEX, SignatureAlgorithm.ED25519, f.apex.publicKey(),
                List.of("weather:read"));
        DelegationLink apexToSkill = DelegationLink.sign(APEX, f.apex, SKILL, SignatureAlgorithm.ED25519,
                apexSkillKey().publicKey(), List.of("weather:read", "weather:write"));
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 60, List.of(), List.of(humanToApex, apexToSkill), APEX), apexSkillKey());
        assertEquals(RejectReason.SCOPE_WIDENED, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_widened_scope_in_the_token() {
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 60, List.of("weather:write"), apexChain(List.of("weather:read")), APEX),
                apexSkillKey());
        assertEquals(RejectReason.SCOPE_WIDENED, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_bad_link_signature() {
        DelegationLink good = apexChain(List.of()).get(0);
        byte[] sig = good.sig();
        sig[3] ^= 0x40;
        DelegationLink bad = new DelegationLink(good.from(), good.fromAlg(), good.fromKey(), good.to(), good.toAlg(),
                good.toKey(), good.scope(), sig);
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 60, List.of(), List.of(bad), APEX), apexSkillKey());
        assertEquals(RejectReason.BAD_LINK_SIGNATURE, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_links_whose_keys_do_not_connect() {
        // human grants NOVA's key, but the next link is signed by an impostor calling itself NOVA.
        Ed25519 impostor = TokenFixtures.key("impostor");
        DelegationLink second = DelegationLink.sign(NOVA, impostor, SKILL, SignatureAlgorithm.ED25519,
                apexSkillKey().publicKey(), List.of());
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 60, List.of(), List.of(f.humanToNova, second), NOVA), apexSkillKey());
        assertEquals(RejectReason.BROKEN_CHAIN, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_chain_that_does_not_end_at_the_issuer() {
        long iat = f.clock.instant().getEpochSecond();
        String t = TokenFixtures.sign(claims(iat, iat + 60, List.of(), apexChain(List.of()), NOVA), apexSkillKey());
        assertEquals(RejectReason.BROKEN_CHAIN, reject(f.verifier().build(), t));
    }

    @Test
    void rejects_when_replay_cache_is_full() {
        TokenVerifier v = f.verifier().maxNonces(1).build();
        assertTrue(v.verify(f.issueFull().compact()).valid());
        assertEquals(RejectReason.REPLAY_CACHE_FULL, reject(v, f.issueFull().compact()));
    }

    @Test
    void rejects_malformed_framing_and_encodings() {
        TokenVerifier v = f.verifier().build();
        String t = f.issueFull().compact();
        String payload = t.substring(5, t.lastIndexOf('.'));
        String sig = t.substring(t.lastIndexOf('.') + 1);
        assertEquals(RejectReason.MALFORMED, reject(v, ""));
        assertEquals(RejectReason.MALFORMED, reject(v, "cit2." + payload + "." + sig));
        assertEquals(RejectReason.MALFORMED, reject(v, t + ".x"));
        assertEquals(RejectReason.MALFORMED, reject(v, "cit1." + payload + "==." + sig));
        assertEquals(RejectReason.MALFORMED, reject(v, "cit1.!!!." + sig));
        assertEquals(RejectReason.MALFORMED, reject(v, "cit1." + payload + "." + sig.substring(4)));
        assertEquals(RejectReason.MALFORMED, reject(v, "cit1." + "A".repeat(CitToken.MAX_LENGTH) + "." + sig));
    }

    @Test
    void rejects_non_canonical_or_extended_payloads() {
        TokenVerifier v = f.verifier().build();
        String json = new String(f.issueFull().claims().payload(), StandardCharsets.UTF_8);
        Ed25519 k = apexSkillKey();
        for (String bad : List.of(json.replace("{\"aud\"", "{ \"aud\""), json.replace("\"v\":1}", "\"v\":1,\"x\":1}"),
                json.replace("\"v\":1}", "\"v\":2}"), json.replace("\"trust\":55", "\"trust\":5"),
                json.replace("\"scope\":[\"weather:read\"],\"trust\"", "\"scope\":[\"weather:read\",\"weather:read\"],\"trust\""))) {
            byte[] p = bad.getBytes(StandardCharsets.UTF_8);
            String token = CitToken.PREFIX + Base64Url.encode(p) + "." + Base64Url.encode(k.sign(CitToken.signedBytes(p)));
            assertEquals(RejectReason.MALFORMED, reject(v, token), bad);
        }
    }

    @Test
    void rejects_exactly_one_reason_for_each_failure() {
        assertEquals(RejectReason.values().length, java.util.Arrays.stream(RejectReason.values()).map(RejectReason::code)
                .distinct().count());
    }

    @Test
    void rejects_every_single_character_mutation() {
        String t = f.issuer().issue(IssueRequest.of(APEX, SKILL)).compact();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        TokenVerifier v = f.verifier().build();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            char other = alphabet.charAt((alphabet.indexOf(c) + 1 + i % 7) % alphabet.length());
            String mutated = t.substring(0, i) + other + t.substring(i + 1);
            assertTrue(!v.verify(mutated).valid(), "mutation at " + i + " accepted");
        }
        assertTrue(v.verify(t).valid(), "the original still verifies (no mutation burned its nonce)");
    }

    /** A tier-3 (HSM, P-256) delegator in the chain: links verify with ECDSA, the token with Ed25519. */
    @Test
    void accepts_a_chain_with_a_p256_delegator() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair kp = g.generateKeyPair();
        java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey) kp.getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        byte[] x = pub.getW().getAffineX().toByteArray();
        byte[] y = pub.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), point, 1 + Math.max(0, 32 - x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), point, 33 + Math.max(0, 32 - y.length), Math.min(32, y.length));
        dev.memos.crypto.Signer hsm = new dev.memos.crypto.Signer() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_P256;
            }

            @Override
            public byte[] publicKey() {
                return point.clone();
            }

            @Override
            public byte[] sign(byte[] message) {
                try {
                    java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
                    s.initSign(kp.getPrivate());
                    s.update(message);
                    return s.sign();
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        f.identities.put(NOVA, new TokenFixtures.TestIssuer(NOVA, IssuerState.ACTIVE, 72, hsm, List.of()));
        String t = f.issuer().issue(new IssueRequest(NOVA, List.of(APEX), SKILL, Duration.ofSeconds(60), List.of())).compact();
        Verification r = f.verifier().build().verify(t);
        assertTrue(r.valid(), r.toString());
        assertEquals(List.of(NOVA, APEX, SKILL), r.token().delegationChain());
    }
}
