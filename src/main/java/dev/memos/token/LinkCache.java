package dev.memos.token;

import dev.memos.crypto.Hash;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Links whose signature already verified, looked up by their signature and accepted only if every
 * field equals the cached link's. A link is self-contained (both keys inside), so a hit means the very
 * same signed statement was checked before: a chain's repeated links then cost a map lookup and a
 * field comparison (constant time for keys) instead of a signature check. Bounded LRU; only valid links
 * enter it, so a forgery can neither be cached nor evict the genuine entry it imitates.
 */
final class LinkCache {
    private final int capacity;
    private final Map<SigKey, DelegationLink> verified;
    private final AtomicLong signatureChecks = new AtomicLong();

    /** The 64-byte signature as a map key. */
    private record SigKey(byte[] sig, int hash) {
        SigKey(byte[] sig) {
            this(sig, Arrays.hashCode(sig));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SigKey k && Hash.equal(sig, k.sig);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    LinkCache(int capacity) {
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(Math.max(16, Math.min(capacity, 1024)), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<SigKey, DelegationLink> eldest) {
                return size() > LinkCache.this.capacity;
            }
        };
    }

    /** True if the link's signature is valid, from the cache when possible. */
    boolean verify(DelegationLink link) {
        SigKey key = new SigKey(link.rawSig());
        DelegationLink cached;
        synchronized (verified) {
            cached = verified.get(key);
        }
        if (cached != null && sameStatement(cached, link)) {
            return true;
        }
        signatureChecks.incrementAndGet();
        if (!link.signatureValid()) {
            return false;
        }
        if (capacity > 0) {
            synchronized (verified) {
                verified.put(key, link);
            }
        }
        return true;
    }

    /** Every field that goes into the signed bytes, compared without early exit on the keys. */
    private static boolean sameStatement(DelegationLink a, DelegationLink b) {
        boolean keys = Hash.equal(a.rawFromKey(), b.rawFromKey()) & Hash.equal(a.rawToKey(), b.rawToKey());
        return keys && a.fromAlg() == b.fromAlg() && a.toAlg() == b.toAlg() && a.from().equals(b.from())
                && a.to().equals(b.to()) && a.scope().equals(b.scope());
    }

    /** Signature verifications actually run (cache misses). */
    long signatureChecks() {
        return signatureChecks.get();
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }
}
