package dev.memos.token.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Signer;
import dev.memos.token.DelegationLink;
import dev.memos.token.IssueRequest;
import dev.memos.token.Issuer;
import dev.memos.token.IssuerState;
import dev.memos.token.RejectReason;
import dev.memos.token.SkillKeyStore;
import dev.memos.token.TokenIssuer;
import dev.memos.token.TokenVerifier;
import dev.memos.token.Verification;
import dev.memos.token.VerifiedToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue and verify through the public API only (this class lives outside dev.memos.token): what an
 * embedding application and a skill would write.
 */
class TokenApiRoundTripTest {

    record Agent(String id, IssuerState state, int trustScore, Signer delegationSigner, List<DelegationLink> grants)
            implements Issuer {
    }

    @Test
    void issues_and_verifies_a_delegated_token_with_public_types_only(@TempDir Path skillState) {
        Ed25519 human = Ed25519.generate();
        Ed25519 nova = Ed25519.generate();
        Ed25519 apex = Ed25519.generate();
        DelegationLink grant = DelegationLink.sign("human:alice", human, "CW-NOVA.R7KMX2-E2", nova.algorithm(),
                nova.publicKey(), List.of("weather:read"));
        Map<String, Issuer> agents = Map.of(
                "CW-NOVA.R7KMX2-E2", new Agent("CW-NOVA.R7KMX2-E2", IssuerState.ACTIVE, 80, nova, List.of(grant)),
                "CW-APEX.K4PQ9Z-7B", new Agent("CW-APEX.K4PQ9Z-7B", IssuerState.ACTIVE, 64, apex, List.of()));
        Map<String, Signer> skillKeys = new HashMap<>();
        SkillKeyStore keys = new SkillKeyStore() {
            @Override
            public Signer generate(String issuerId, String skill, boolean replace) {
                Ed25519 k = Ed25519.generate();
                skillKeys.put(issuerId + skill, k);
                return k;
            }

            @Override
            public Optional<Signer> load(String issuerId, String skill) {
                return Optional.ofNullable(skillKeys.get(issuerId + skill));
            }
        };
        byte[] handedToSkill = keys.generate("CW-APEX.K4PQ9Z-7B", "skill:weather", false).publicKey();
        TokenIssuer issuer = TokenIssuer.builder().issuers(id -> Optional.ofNullable(agents.get(id))).keys(keys).build();

        String token = issuer.issue(new IssueRequest("CW-NOVA.R7KMX2-E2", List.of("CW-APEX.K4PQ9Z-7B"), "skill:weather",
                Duration.ofSeconds(60), List.of("weather:read"))).compact();

        // The skill's side: the README example.
        try (TokenVerifier verifier = TokenVerifier.builder("skill:weather")
                .pinnedKey("CW-APEX.K4PQ9Z-7B", handedToSkill)
                .replayDirectory(skillState.resolve("replay"))
                .maxDepth(3)
                .build()) {
            Verification result = verifier.verify(token);
            assertTrue(result.valid(), result.toString());
            VerifiedToken auth = result.token();
            assertEquals("CW-APEX.K4PQ9Z-7B", auth.mociId());
            assertEquals(64, auth.trustScore());
            assertEquals(List.of("human:alice", "CW-NOVA.R7KMX2-E2", "CW-APEX.K4PQ9Z-7B", "skill:weather"),
                    auth.delegationChain());
            assertTrue(auth.hasScope("weather:read"));

            Verification again = verifier.verify(token);
            assertFalse(again.valid());
            assertEquals(Optional.of(RejectReason.REPLAYED_NONCE), again.reason());
        }
    }
}
