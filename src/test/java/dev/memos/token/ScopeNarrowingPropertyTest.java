package dev.memos.token;

import static dev.memos.token.TokenFixtures.APEX;
import static dev.memos.token.TokenFixtures.HUMAN;
import static dev.memos.token.TokenFixtures.SKILL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any scopes on a two-link chain and its token, the verifier accepts exactly the narrowing ones. */
class ScopeNarrowingPropertyTest {
    private static final TokenFixtures F = new TokenFixtures();
    private static final Ed25519 SKILL_KEY = (Ed25519) F.keys.load(APEX, SKILL).orElseThrow();

    @Provide
    Arbitrary<Set<String>> scopes() {
        return Arbitraries.of("a:read", "a:write", "b:read", "c", "d/e").set().ofMaxSize(5);
    }

    @Property(tries = 150)
    void accepts_iff_every_step_narrows(@ForAll("scopes") Set<String> root, @ForAll("scopes") Set<String> link,
                                        @ForAll("scopes") Set<String> token) {
        List<String> r = List.copyOf(new TreeSet<>(root));
        List<String> l = List.copyOf(new TreeSet<>(link));
        List<String> t = List.copyOf(new TreeSet<>(token));
        DelegationLink first = DelegationLink.sign(HUMAN, F.human, APEX, SignatureAlgorithm.ED25519, F.apex.publicKey(), r);
        DelegationLink second = DelegationLink.sign(APEX, F.apex, SKILL, SignatureAlgorithm.ED25519, SKILL_KEY.publicKey(), l);
        long iat = F.clock.instant().getEpochSecond();
        String compact = new CitToken(APEX, SKILL, iat, iat + 60, TokenFixtures.nonce(3), 50, t, List.of(first, second))
                .encode(SKILL_KEY);
        boolean narrows = root.containsAll(link) && link.containsAll(token);
        Verification v = F.verifier().build().verify(compact);
        assertEquals(narrows ? Optional.empty() : Optional.of(RejectReason.SCOPE_WIDENED), v.reason());
    }
}
