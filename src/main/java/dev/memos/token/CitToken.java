package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.ring.SignedHead;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The claims of one identity token (docs/FORMAT.md §11). Encoded as
 * {@code cit1.<b64url(canonical JSON)>.<b64url(Ed25519 signature)>}; the signature covers
 * {@code "memos-cit-v1" || 0x00 || payload} under the key the last chain link grants to the issuer.
 * {@code head} is the optional embedded signed chain head of the issuer (null when absent), from
 * which a verifier recomputes {@code trustScore}.
 */
public record CitToken(String issuer, String audience, long issuedAt, long expiresAt, byte[] nonce, int trustScore,
                       List<String> scope, List<DelegationLink> chain, SignedHead head) {
    public static final String PREFIX = "cit1.";
    public static final int VERSION = 1;
    public static final int NONCE_BYTES = 16;
    /** Upper bound on an encoded token, checked before any parsing. */
    public static final int MAX_LENGTH = 16 * 1024;
    static final byte[] DOMAIN = "memos-cit-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> FIELDS = Set.of("v", "iss", "aud", "iat", "exp", "nonce", "trust", "scope", "chain");
    /** The one optional member: the issuer's signed chain head (FORMAT.md §11.2). */
    static final String HEAD = "head";
    /** No token chain is longer than this, whatever a verifier allows (bounds work on hostile input). */
    static final int MAX_LINKS = 16;

    public CitToken {
        nonce = nonce.clone();
        scope = List.copyOf(scope);
        chain = List.copyOf(chain);
    }

    /** A token without an embedded head. */
    public CitToken(String issuer, String audience, long issuedAt, long expiresAt, byte[] nonce, int trustScore,
                    List<String> scope, List<DelegationLink> chain) {
        this(issuer, audience, issuedAt, expiresAt, nonce, trustScore, scope, chain, null);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    byte[] rawNonce() {
        return nonce;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("v", VERSION);
        o.put("iss", issuer);
        o.put("aud", audience);
        o.put("iat", issuedAt);
        o.put("exp", expiresAt);
        o.put("nonce", Base64Url.encode(nonce));
        o.put("trust", trustScore);
        ArrayNode s = o.putArray("scope");
        scope.forEach(s::add);
        ArrayNode c = o.putArray("chain");
        chain.forEach(l -> c.add(l.toJson(true)));
        if (head != null) {
            o.set(HEAD, head.toJson());
        }
        return o;
    }

    public byte[] payload() {
        return CanonicalJson.bytes(toJson());
    }

    /** Signs and encodes; {@code key} must be the key granted by the last link (its toKey). */
    public String encode(Signer key) {
        byte[] payload = payload();
        byte[] sig = key.sign(signedBytes(payload));
        return PREFIX + Base64Url.encode(payload) + "." + Base64Url.encode(sig);
    }

    static byte[] signedBytes(byte[] payload) {
        byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + payload.length);
        System.arraycopy(payload, 0, out, DOMAIN.length, payload.length);
        return out;
    }

    /** Strict parse of the payload JSON: exactly the nine fields, version 1, canonical bytes. */
    static CitToken parsePayload(byte[] payload) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("payload is not JSON");
        }
        if (n == null || !n.isObject() || n.size() != FIELDS.size() + (n.has(HEAD) ? 1 : 0)) {
            throw new IllegalArgumentException("payload has exactly " + FIELDS + ", and optionally " + HEAD);
        }
        // One token, one byte string: anything not in canonical form could be a malleated copy. The
        // tree holds every byte that matters, so one re-encoding of it is the whole check.
        if (!Arrays.equals(CanonicalJson.bytes(n), payload)) {
            throw new IllegalArgumentException("payload is not canonical JSON");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f) && !HEAD.equals(f)) {
                throw new IllegalArgumentException("unknown field " + f);
            }
        });
        if (Payloads.integer(n, "v", 0, Integer.MAX_VALUE) != VERSION) {
            throw new IllegalArgumentException("unsupported token version");
        }
        JsonNode chainNode = Payloads.field(n, "chain");
        if (!chainNode.isArray() || chainNode.isEmpty() || chainNode.size() > MAX_LINKS) {
            throw new IllegalArgumentException("chain must hold 1.." + MAX_LINKS + " links");
        }
        DelegationLink[] links = new DelegationLink[chainNode.size()];
        for (int i = 0; i < links.length; i++) {
            links[i] = DelegationLink.fromJson(chainNode.get(i));
        }
        byte[] nonce = Payloads.bytes(n, "nonce");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce has 16 bytes");
        }
        String aud = Payloads.text(n, "aud");
        if (!Names.isId(aud)) {
            throw new IllegalArgumentException("aud is not a valid ID");
        }
        return new CitToken(Payloads.id(n, "iss"), aud, Payloads.integer(n, "iat", 0, 1L << 40),
                Payloads.integer(n, "exp", 0, 1L << 40), nonce, (int) Payloads.integer(n, "trust", 10, 100),
                Payloads.scopes(n, "scope"), List.of(links), n.has(HEAD) ? head(n.get(HEAD)) : null);
    }

    /** The embedded head's shape only; whose it is and its signature are checked by the verifier (step 10b). */
    private static SignedHead head(JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException("head must be a signed chain head object");
        }
        try {
            return SignedHead.fromJson(n);
        } catch (dev.memos.error.MemosException e) {
            throw new IllegalArgumentException("head: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "CitToken[" + issuer + " → " + audience + ", exp " + expiresAt + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CitToken t && Arrays.equals(payload(), t.payload());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nonce);
    }
}
