package dev.memos.token;

import static dev.memos.token.TokenFixtures.APEX;
import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A human's root grant signed by an Ethereum key (EIP-191 personal_sign) in a token chain. */
class EthGrantTest {
    private final TokenFixtures f = new TokenFixtures();
    private final EthGrantSigner human = new EthGrantSigner(EthSigner.of(EthPrivateKey.parse("4c".repeat(32))));

    private String token(List<DelegationLink> chain) {
        Signer skill = f.keys.load(APEX, SKILL).orElseThrow();
        long iat = f.clock.instant().getEpochSecond();
        return new CitToken(APEX, SKILL, iat, iat + 60, TokenFixtures.nonce(3), 40, List.of("weather:read"), chain).encode(skill);
    }

    private DelegationLink grant(List<String> scope) {
        return DelegationLink.sign(human.principal(), human, APEX, SignatureAlgorithm.ED25519, f.apex.publicKey(), scope);
    }

    private DelegationLink apexToSkill(List<String> scope) {
        Signer skill = f.keys.load(APEX, SKILL).orElseThrow();
        return DelegationLink.sign(APEX, f.apex, SKILL, SignatureAlgorithm.ED25519, skill.publicKey(), scope);
    }

    @Test
    void grant_signature_is_plain_eip191_over_the_link_bytes() {
        DelegationLink g = grant(List.of("weather:read"));
        assertEquals(20, g.fromKey().length);
        assertEquals(65, g.sig().length);
        assertTrue(g.signatureValid());
        // Any wallet's personal_sign of the same bytes recovers the same address.
        assertEquals(human.principal().substring("human:".length()),
                EthVerifier.recover(EthVerifier.personalMessageDigest(g.signedBytes()), g.sig()).checksummed());
    }

    @Test
    void accepts_a_chain_rooted_in_an_eth_grant() {
        Verification v = f.verifier().build().verify(token(List.of(grant(List.of("weather:read")), apexToSkill(List.of("weather:read")))));
        assertTrue(v.valid(), v.toString());
        assertEquals(List.of(human.principal(), APEX, SKILL), v.token().delegationChain());
    }

    @Test
    void rejects_a_tampered_eth_grant() {
        DelegationLink g = grant(List.of("weather:read"));
        DelegationLink forged = new DelegationLink(g.from(), g.fromAlg(), g.fromKey(), g.to(), g.toAlg(), g.toKey(),
                List.of("weather:read", "weather:write"), g.sig());
        Verification v = f.verifier().build().verify(token(List.of(forged, apexToSkill(List.of("weather:read")))));
        assertEquals(RejectReason.BAD_LINK_SIGNATURE, v.reason().orElseThrow());
    }

    @Test
    void rejects_an_eth_signed_link_below_the_root() {
        // APEX's key is an Ethereum account here: it may not sign an inner link.
        Signer skill = f.keys.load(APEX, SKILL).orElseThrow();
        DelegationLink novaToApex = DelegationLink.sign(TokenFixtures.NOVA, f.nova, APEX, SignatureAlgorithm.ED25519,
                f.apex.publicKey(), List.of("weather:read"));
        DelegationLink apexEth = DelegationLink.sign(APEX, human, SKILL, SignatureAlgorithm.ED25519, skill.publicKey(),
                List.of("weather:read"));
        Verification v = f.verifier().build().verify(token(List.of(novaToApex, apexEth)));
        assertEquals(RejectReason.BROKEN_CHAIN, v.reason().orElseThrow());
    }

    @Test
    void eth_is_unknown_to_every_format_but_delegation_links() {
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.fromId("eth-personal-sign"));
        assertEquals(SignatureAlgorithm.ETH_PERSONAL_SIGN, SignatureAlgorithm.fromIdIncludingEth("eth-personal-sign"));
    }

    @Test
    void rejects_eth_signatures_of_the_wrong_shape() {
        byte[] msg = {1, 2, 3};
        byte[] sig = human.sign(msg);
        assertTrue(Signatures.verify(SignatureAlgorithm.ETH_PERSONAL_SIGN, human.publicKey(), msg, sig));
        assertFalse(Signatures.verify(SignatureAlgorithm.ETH_PERSONAL_SIGN, new byte[65], msg, sig));
        assertFalse(Signatures.verify(SignatureAlgorithm.ETH_PERSONAL_SIGN, human.publicKey(), msg, new byte[64]));
        assertFalse(Signatures.verify(SignatureAlgorithm.ETH_PERSONAL_SIGN, human.publicKey(), new byte[] {1, 2, 4}, sig));
    }

    @Test
    void a_link_naming_eth_personal_sign_as_its_to_alg_does_not_parse_so_the_token_is_malformed() {
        com.fasterxml.jackson.databind.node.ObjectNode link = grant(List.of("weather:read")).toJson(true);
        link.put("toAlg", "eth-personal-sign");
        // FORMAT.md §11.3: no valid link has it there; parse failures are §11.5 step 1, reason malformed
        assertThrows(IllegalArgumentException.class, () -> DelegationLink.fromJson(link));
    }
}
