package dev.memos.token;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The structural rules of a delegation chain (docs/FORMAT.md §11.3, §11.4): cheap, checked before any signature. */
final class ChainRules {
    private ChainRules() {
    }

    /** Null when the links form one path root → … → issuer → audience with matching keys; else why not. */
    static String brokenLink(CitToken t) {
        List<DelegationLink> chain = t.chain();
        DelegationLink last = chain.get(chain.size() - 1);
        if (!same(last.to(), t.audience()) || !same(last.from(), t.issuer())) {
            return "last link must be " + t.issuer() + " → " + t.audience();
        }
        if (last.toAlg() != SignatureAlgorithm.ED25519) {
            return "skill keys are Ed25519";
        }
        Set<String> seen = new HashSet<>();
        seen.add(chain.get(0).from());
        for (int i = 0; i < chain.size(); i++) {
            DelegationLink l = chain.get(i);
            if (!seen.add(l.to())) {
                return l.to() + " appears twice in the chain";
            }
            if (i > 0 && l.fromAlg() == SignatureAlgorithm.ETH_PERSONAL_SIGN) {
                return "link " + (i + 1) + " is signed by an Ethereum account; only the root grant may be";
            }
            if (i > 0) {
                DelegationLink prev = chain.get(i - 1);
                boolean keys = Hash.equal(prev.rawToKey(), l.rawFromKey());
                if (!same(prev.to(), l.from()) || prev.toAlg() != l.fromAlg() || !keys) {
                    return "link " + (i + 1) + " does not continue from link " + i;
                }
            }
        }
        return null;
    }

    /** Names are public, but comparing them in constant time costs nothing and leaves no exceptions to audit. */
    private static boolean same(String a, String b) {
        return Hash.equal(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String widenedScope(CitToken t) {
        List<DelegationLink> chain = t.chain();
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).scope().containsAll(chain.get(i).scope())) {
                return chain.get(i).from() + " grants a scope it was not given";
            }
        }
        if (!chain.get(chain.size() - 1).scope().containsAll(t.scope())) {
            return "token claims a scope its last link does not grant";
        }
        return null;
    }

    /**
     * The whole delegation path for the {@code cit_*} audit events (the seed: skills audit the complete
     * authorization path): every hop with the fingerprint of the key it acted with,
     * {@code human:alice[FP] > CW-NOVA…[FP] > skill:weather[FP]}; a wallet root shows its address.
     */
    static String path(java.util.List<DelegationLink> chain) {
        if (chain.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(hop(chain.get(0).from(), chain.get(0).rawFromKey()));
        for (DelegationLink l : chain) {
            b.append(" > ").append(hop(l.to(), l.rawToKey()));
        }
        return b.toString();
    }

    private static String hop(String who, byte[] key) {
        String k = key.length == 20 ? "0x" + dev.memos.encoding.Hex.encode(key) : dev.memos.crypto.KeyFingerprint.of(key);
        return who + "[" + k + "]";
    }
}
