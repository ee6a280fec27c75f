package dev.memos.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Links whose signature already verified, by SHA-256 of (signed bytes || signature). A link is
 * self-contained (both keys inside), so a hit means the very same statement was checked before and
 * a chain's repeated links cost one hash instead of a signature check. Bounded LRU.
 */
final class LinkCache {
    private final int capacity;
    private final Map<Digest, Boolean> verified;
    private final java.util.concurrent.atomic.AtomicLong signatureChecks = new java.util.concurrent.atomic.AtomicLong();

    private record Digest(long a, long b, long c, long d) {
    }

    LinkCache(int capacity) {
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(Math.max(16, Math.min(capacity, 1024)), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
                return size() > LinkCache.this.capacity;
            }
        };
    }

    /** True if the link's signature is valid, from the cache when possible. */
    boolean verify(DelegationLink link) {
        byte[] signed = link.signedBytes();
        Digest d = digest(signed, link.sig());
        synchronized (verified) {
            if (verified.get(d) != null) {
                return true;
            }
        }
        signatureChecks.incrementAndGet();
        if (!link.signatureValid()) {
            return false;
        }
        synchronized (verified) {
            if (capacity > 0) {
                verified.put(d, Boolean.TRUE);
            }
        }
        return true;
    }

    private static Digest digest(byte[] signed, byte[] sig) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(signed);
            md.update(sig);
            java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(md.digest());
            return new Digest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
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
