package dev.memos.token;

import static dev.memos.token.TokenFixtures.APEX;
import static dev.memos.token.TokenFixtures.HUMAN;
import static dev.memos.token.TokenFixtures.NOVA;
import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {
    private final TokenFixtures f = new TokenFixtures();

    private MemosException refuse(IssueRequest req) {
        return assertThrows(MemosException.class, () -> f.issuer().issue(req));
    }

    private IssueRequest full() {
        return new IssueRequest(NOVA, List.of(APEX), SKILL, Duration.ofSeconds(120), List.of("weather:read"));
    }

    @Test
    void issues_the_human_nova_apex_skill_chain() {
        CitToken c = f.issuer().issue(full()).claims();
        assertEquals(APEX, c.issuer());
        assertEquals(SKILL, c.audience());
        assertEquals(120, c.expiresAt() - c.issuedAt());
        assertEquals(55, c.trustScore());
        assertEquals(List.of(HUMAN, NOVA, APEX), c.chain().stream().map(DelegationLink::from).toList());
        assertEquals(List.of(NOVA, APEX, SKILL), c.chain().stream().map(DelegationLink::to).toList());
    }

    @Test
    void refuses_suspended_issuer() {
        f.setState(NOVA, IssuerState.SUSPENDED);
        MemosException e = refuse(full());
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("suspended"), e.getMessage());
    }

    @Test
    void refuses_revoked_issuer() {
        f.setState(NOVA, IssuerState.REVOKED);
        assertEquals(ErrorKind.AUTH, refuse(full()).kind());
    }

    @Test
    void refuses_quarantined_issuer() {
        f.setState(NOVA, IssuerState.QUARANTINED);
        assertEquals(ErrorKind.AUTH, refuse(full()).kind());
    }

    @Test
    void refuses_suspended_identity_on_the_via_path() {
        f.setState(APEX, IssuerState.SUSPENDED);
        assertEquals(ErrorKind.AUTH, refuse(full()).kind());
    }

    @Test
    void refuses_ttl_outside_60_to_300_seconds() {
        for (long s : new long[] {0, 59, 301, 3600}) {
            assertEquals(ErrorKind.USAGE, refuse(full().withTtl(Duration.ofSeconds(s))).kind(), "ttl " + s);
        }
        assertEquals(ErrorKind.USAGE, refuse(full().withTtl(Duration.ofMillis(60_500))).kind());
    }

    @Test
    void refuses_scope_beyond_what_was_granted() {
        assertEquals(ErrorKind.USAGE, refuse(full().withScope(List.of("calendar:read"))).kind());
    }

    @Test
    void inherits_the_granted_scope_when_none_is_asked() {
        assertEquals(TokenFixtures.GRANTED, f.issuer().issue(full().withScope(List.of())).claims().scope());
    }

    @Test
    void refuses_missing_skill_key_and_unknown_identity() {
        assertEquals(ErrorKind.USAGE, refuse(IssueRequest.of(NOVA, "skill:calendar")).kind());
        assertEquals(ErrorKind.USAGE, refuse(IssueRequest.of("CW-NOBODY.AAAAAA-00", SKILL)).kind());
        assertEquals(ErrorKind.USAGE, refuse(IssueRequest.of(NOVA, "weather")).kind());
    }

    @Test
    void refuses_a_chain_deeper_than_five_links() {
        List<String> via = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "CW-HOP" + i + ".AAAAAA-00";
            f.identities.put(id, new TokenFixtures.TestIssuer(id, IssuerState.ACTIVE, 50, TokenFixtures.key(id), List.of()));
            via.add(id);
        }
        f.keys.put(via.get(3), SKILL, TokenFixtures.key("last"));
        // grant (1) + NOVA → hop0 … hop3 (4) + hop3 → skill (1) = 6 links
        assertEquals(ErrorKind.USAGE, refuse(full().withVia(via)).kind());
    }

    @Test
    void refuses_a_loop_in_the_path() {
        assertEquals(ErrorKind.USAGE, refuse(full().withVia(List.of(APEX, NOVA))).kind());
    }

    @Test
    void issue_costs_one_signature_once_links_are_signed() {
        TokenFixtures.CountingSigner apexKey = new TokenFixtures.CountingSigner(f.apex);
        TokenFixtures.CountingSigner skillKey = new TokenFixtures.CountingSigner(f.keys.load(APEX, SKILL).orElseThrow());
        f.identities.put(APEX, new TokenFixtures.TestIssuer(APEX, IssuerState.ACTIVE, 55, apexKey, List.of()));
        f.keys.map.put(APEX + "|" + SKILL, skillKey);
        TokenIssuer issuer = f.issuer();
        IssueRequest req = IssueRequest.of(APEX, SKILL);
        issuer.issue(req);
        for (int i = 0; i < 9; i++) {
            issuer.issue(req);
        }
        assertEquals(1, apexKey.calls.get(), "the APEX → skill link is signed once");
        assertEquals(10, skillKey.calls.get(), "each token is one signature");
    }

    @Test
    void every_token_gets_a_fresh_128_bit_nonce() {
        Map<String, Boolean> seen = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            byte[] n = f.issuer().issue(IssueRequest.of(APEX, SKILL)).claims().nonce();
            assertEquals(16, n.length);
            assertEquals(null, seen.put(java.util.HexFormat.of().formatHex(n), true));
        }
        assertNotEquals(0, seen.size());
    }

    @Test
    void records_cit_issued_without_key_material() {
        List<Map<String, Object>> events = new ArrayList<>();
        TokenIssuer issuer = TokenIssuer.builder().issuers(id -> java.util.Optional.ofNullable(f.identities.get(id)))
                .keys(f.keys).clock(f.clock).events((e, fields) -> {
                    assertEquals(TokenEvents.ISSUED, e);
                    events.add(fields);
                }).build();
        String token = issuer.issue(full()).compact();
        assertEquals(1, events.size());
        assertEquals(APEX, events.get(0).get("issuer"));
        String all = events.get(0).toString();
        assertTrue(!all.contains(token.substring(5, 40)), "the token itself is not logged");
    }

    @Test
    void refuses_a_grant_made_to_another_key() {
        DelegationLink stale = DelegationLink.sign(HUMAN, f.human, NOVA, dev.memos.crypto.SignatureAlgorithm.ED25519,
                TokenFixtures.key("old nova key").publicKey(), TokenFixtures.GRANTED);
        f.identities.put(NOVA, new TokenFixtures.TestIssuer(NOVA, IssuerState.ACTIVE, 72, f.nova, List.of(stale)));
        assertEquals(ErrorKind.INTEGRITY, refuse(full()).kind());
    }
}
