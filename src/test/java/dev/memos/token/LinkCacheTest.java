package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinkCacheTest {
    private final TokenFixtures f = new TokenFixtures();

    @Test
    void repeated_links_cost_no_signature_check() {
        TokenVerifier v = f.verifier().build();
        for (int i = 0; i < 20; i++) {
            assertTrue(v.verify(f.issueFull().compact()).valid());
        }
        assertEquals(3, v.linkSignatureChecks(), "three distinct links, each checked once");
    }

    @Test
    void a_forged_link_is_never_cached() {
        LinkCache cache = new LinkCache(16);
        DelegationLink good = f.humanToNova;
        byte[] sig = good.sig();
        sig[0] ^= 1;
        DelegationLink bad = new DelegationLink(good.from(), good.fromAlg(), good.fromKey(), good.to(), good.toAlg(),
                good.toKey(), good.scope(), sig);
        assertFalse(cache.verify(bad));
        assertFalse(cache.verify(bad));
        assertEquals(0, cache.size());
        assertTrue(cache.verify(good));
        assertFalse(cache.verify(bad), "a cached good link does not vouch for a different signature");
    }

    @Test
    void stays_within_its_capacity() {
        LinkCache cache = new LinkCache(2);
        for (int i = 0; i < 5; i++) {
            var k = TokenFixtures.key("c" + i);
            cache.verify(DelegationLink.sign("CW-A.AAAAAA-00", k, "skill:x", k.algorithm(), k.publicKey(), java.util.List.of()));
        }
        assertEquals(2, cache.size());
    }

    @Test
    void a_cached_signature_does_not_vouch_for_other_content() {
        LinkCache cache = new LinkCache(16);
        DelegationLink good = f.humanToNova;
        assertTrue(cache.verify(good));
        DelegationLink widened = new DelegationLink(good.from(), good.fromAlg(), good.fromKey(), good.to(), good.toAlg(),
                good.toKey(), java.util.List.of("weather:admin", "weather:read", "weather:write"), good.sig());
        DelegationLink otherKey = new DelegationLink(good.from(), good.fromAlg(), good.fromKey(), good.to(), good.toAlg(),
                f.apex.publicKey(), good.scope(), good.sig());
        assertFalse(cache.verify(widened));
        assertFalse(cache.verify(otherKey));
        assertTrue(cache.verify(good), "the genuine entry is still there");
        assertEquals(3, cache.signatureChecks());
    }
}
