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
        Digest d = digest(link);
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

    /**
     * SHA-256 over every field, each length-prefixed: the signed bytes are a function of these fields,
     * so equal digests mean the same signed statement and signature, without re-encoding JSON.
     */
    private static Digest digest(DelegationLink link) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            field(md, link.from().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            field(md, link.fromAlg().id().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            field(md, link.rawFromKey());
            field(md, link.to().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            field(md, link.toAlg().id().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            field(md, link.rawToKey());
            md.update(java.nio.ByteBuffer.allocate(4).putInt(link.scope().size()).array());
            for (String s : link.scope()) {
                field(md, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            field(md, link.rawSig());
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

    private static void field(MessageDigest md, byte[] b) {
        md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }
}
