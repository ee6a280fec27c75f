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

/** Step 10a of FORMAT.md §11.5: the issuer's identity key must be the key known for its ID. Forgeries use fresh keys. */
class KnownIssuerKeyTest {
    private final TokenFixtures f = new TokenFixtures();
    private final String id = MociId.generate("VICT", new SecureRandom()).toString();

    @TempDir
    Path tmp;

    /** A one-link token id → skill, made by whoever holds {@code identityKey} (nonce {@code n}). */
    private String token(Ed25519 identityKey, Ed25519 skillKey, int n) {
        long iat = f.clock.instant().getEpochSecond();
        List<DelegationLink> chain = TokenFixtures.chain(List.of(id), List.of(identityKey), skillKey, List.of());
        return TokenFixtures.sign(new CitToken(id, SKILL, iat, iat + 120, TokenFixtures.nonce(n), 50, List.of(), chain), skillKey);
    }

    private IdPins pins() {
        return IdPins.at(tmp.resolve("known-keys.json"));
    }

    private TokenVerifier verifier(boolean tofu) {
        return f.verifier().knownKeys(KnownKeys.builder().pins(pins()).build()).trustUnknownIssuers(tofu).build();
    }

    private void pin(Ed25519 key) {
        pins().put(new KnownKey(id, SignatureAlgorithm.ED25519, key.publicKey(), KnownKey.Source.PIN, "test"));
    }

    @Test
    void rejects_token_signed_by_another_identity_key_than_the_pinned_one_naming_both() {
        Ed25519 genuine = Ed25519.generate();
        Ed25519 forger = Ed25519.generate();
        pin(genuine);
        Verification r = verifier(true).verify(token(forger, Ed25519.generate(), 1));
        assertEquals(RejectReason.KEY_MISMATCH, r.reason().orElseThrow(), r.toString());
        assertTrue(r.detail().contains(KeyFingerprint.of(forger.publicKey())) && r.detail().contains(KeyFingerprint.of(genuine.publicKey())),
                r.detail());
    }

    @Test
    void accepts_token_signed_by_the_pinned_identity_key() {
        Ed25519 genuine = Ed25519.generate();
        pin(genuine);
        Verification r = verifier(false).verify(token(genuine, Ed25519.generate(), 1));
        assertTrue(r.valid(), r.toString());
    }

    @Test
    void rejects_unknown_issuer_as_unverified_key_and_burns_no_nonce() {
        Ed25519 key = Ed25519.generate();
        Ed25519 skill = Ed25519.generate();
        String t = token(key, skill, 1);
        Verification r = verifier(false).verify(t);
        assertEquals(RejectReason.UNVERIFIED_KEY, r.reason().orElseThrow(), r.toString());
        assertTrue(r.detail().contains(KeyFingerprint.of(key.publicKey())), r.detail());
        pin(key);
        assertTrue(verifier(false).verify(t).valid(), "the refused token's nonce must not have been consumed");
    }

    @Test
    void trust_on_first_use_pins_the_identity_key_then_refuses_another() {
        Ed25519 first = Ed25519.generate();
        try (TokenVerifier v = verifier(true)) {
            assertTrue(v.verify(token(first, Ed25519.generate(), 1)).valid());
        }
        assertTrue(pins().get(id).orElseThrow().matches(SignatureAlgorithm.ED25519, first.publicKey()));
        // A new verifier (new skill pin store in memory, so no token pin): the identity pin alone refuses a forger.
        Verification forged = verifier(true).verify(token(Ed25519.generate(), Ed25519.generate(), 2));
        assertEquals(RejectReason.KEY_MISMATCH, forged.reason().orElseThrow(), forged.toString());
    }

    @Test
    void a_known_key_outranks_a_token_pin_learned_on_first_use() {
        Ed25519 forger = Ed25519.generate();
        Ed25519 skill = Ed25519.generate();
        PinStore tokenPins = PinStore.inMemory();
        tokenPins.put(SKILL, id, new Pin(skill.publicKey(), forger.publicKey()));
        Ed25519 genuine = Ed25519.generate();
        pin(genuine);
        Verification r = f.verifier().pinStore(tokenPins).knownKeys(KnownKeys.builder().pins(pins()).build()).build()
                .verify(token(forger, skill, 3));
        assertEquals(RejectReason.KEY_MISMATCH, r.reason().orElseThrow(), r.toString());
    }

    @Test
    void first_use_hands_back_every_pin_it_wrote_so_the_caller_can_audit_them() {
        Ed25519 identity = Ed25519.generate();
        Ed25519 skill = Ed25519.generate();
        try (TokenVerifier v = verifier(true)) {
            Verification first = v.verify(token(identity, skill, 1));
            assertTrue(first.valid(), first.toString());
            java.util.List<PinWrite> w = first.pinsWritten();
            assertEquals(2, w.size(), w.toString());
            assertEquals(PinWrite.Kind.TOKEN, w.get(0).kind());
            assertTrue(java.util.Arrays.equals(skill.publicKey(), w.get(0).key()));
            assertEquals(PinWrite.Kind.IDENTITY, w.get(1).kind());
            assertEquals(id, w.get(1).subject());
            assertTrue(java.util.Arrays.equals(identity.publicKey(), w.get(1).key()));
            // pinned now: the next token of the same issuer writes nothing, and a refused one never does
            assertTrue(v.verify(token(identity, skill, 2)).pinsWritten().isEmpty());
            Verification forged = v.verify(token(Ed25519.generate(), Ed25519.generate(), 3));
            assertTrue(!forged.valid() && forged.pinsWritten().isEmpty(), forged.toString());
        }
    }
}
