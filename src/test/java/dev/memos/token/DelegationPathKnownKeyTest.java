package dev.memos.token;

import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.KeyFingerprint;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.identity.IdPins;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import dev.memos.identity.MociId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 leftover: the whole delegation path is bound to known keys, not only the issuer. A genuine
 * issuer cannot claim authority delegated by an identity whose link it forged with a key of its own.
 */
class DelegationPathKnownKeyTest {
    private final TokenFixtures f = new TokenFixtures();
    private final String root = MociId.generate("ROOT", new SecureRandom()).toString();
    private final String iss = MociId.generate("ISSU", new SecureRandom()).toString();
    private final Ed25519 issuerKey = Ed25519.generate();

    @TempDir
    Path tmp;

    private String token(Ed25519 rootKey, Ed25519 skillKey) {
        long iat = f.clock.instant().getEpochSecond();
        List<DelegationLink> chain = TokenFixtures.chain(List.of(root, iss), List.of(rootKey, issuerKey), skillKey, List.of());
        return TokenFixtures.sign(new CitToken(iss, SKILL, iat, iat + 120, TokenFixtures.nonce(1), 50, List.of(), chain), skillKey);
    }

    private IdPins pins() {
        return IdPins.at(tmp.resolve("known-keys.json"));
    }

    private void pin(String id, Ed25519 key) {
        pins().put(new KnownKey(id, SignatureAlgorithm.ED25519, key.publicKey(), KnownKey.Source.PIN, "test"));
    }

    private TokenVerifier verifier(boolean tofu) {
        return f.verifier().knownKeys(KnownKeys.builder().pins(pins()).build()).trustUnknownIssuers(tofu).build();
    }

    @Test
    void rejects_a_path_whose_upstream_link_is_signed_by_another_key_than_the_known_one() {
        Ed25519 genuineRoot = Ed25519.generate();
        Ed25519 forgedRoot = Ed25519.generate();
        pin(root, genuineRoot);
        pin(iss, issuerKey);
        Verification r = verifier(true).verify(token(forgedRoot, Ed25519.generate()));
        assertEquals(RejectReason.KEY_MISMATCH, r.reason().orElseThrow(), r.toString());
        assertTrue(r.detail().contains(root) && r.detail().contains("link 1"), r.detail());
        assertTrue(r.detail().contains(KeyFingerprint.of(forgedRoot.publicKey()))
                && r.detail().contains(KeyFingerprint.of(genuineRoot.publicKey())), r.detail());
    }

    @Test
    void rejects_an_unknown_upstream_identity_as_unverified_key_without_trust_on_first_use() {
        pin(iss, issuerKey);
        Verification r = verifier(false).verify(token(Ed25519.generate(), Ed25519.generate()));
        assertEquals(RejectReason.UNVERIFIED_KEY, r.reason().orElseThrow(), r.toString());
        assertTrue(r.detail().contains(root), r.detail());
    }

    @Test
    void accepts_a_path_of_known_keys_and_pins_unknown_upstream_keys_on_first_use() {
        Ed25519 rootKey = Ed25519.generate();
        pin(root, rootKey);
        pin(iss, issuerKey);
        assertTrue(verifier(false).verify(token(rootKey, Ed25519.generate())).valid());

        pins().remove(root);
        assertTrue(verifier(true).verify(token(rootKey, Ed25519.generate())).valid());
        assertTrue(pins().get(root).orElseThrow().matches(SignatureAlgorithm.ED25519, rootKey.publicKey()));
    }

    @Test
    void cit_events_record_the_full_delegation_path_with_key_fingerprints() {
        Ed25519 rootKey = Ed25519.generate();
        Ed25519 skillKey = Ed25519.generate();
        pin(root, rootKey);
        pin(iss, issuerKey);
        List<java.util.Map<String, Object>> seen = new java.util.ArrayList<>();
        TokenVerifier v = f.verifier().knownKeys(KnownKeys.builder().pins(pins()).build())
                .events((type, fields) -> seen.add(fields)).build();
        assertTrue(v.verify(token(rootKey, skillKey)).valid());
        String path = String.valueOf(seen.get(0).get("path"));
        assertEquals(root + "[" + KeyFingerprint.of(rootKey.publicKey()) + "] > " + iss + "[" + KeyFingerprint.of(issuerKey.publicKey())
                + "] > " + SKILL + "[" + KeyFingerprint.of(skillKey.publicKey()) + "]", path);
        seen.clear();
        assertTrue(!v.verify(token(Ed25519.generate(), skillKey)).valid());
        assertTrue(String.valueOf(seen.get(0).get("claimed_path")).startsWith(root + "["), seen.toString());
    }
}
