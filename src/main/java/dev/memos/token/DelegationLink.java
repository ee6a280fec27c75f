package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One hop of authority: {@code from} (holding {@code fromKey}) lets {@code to} (holding {@code toKey})
 * act with {@code scope}. Self-contained (both keys inside), so a verified link can be cached by its
 * bytes and reused in any chain. Signed by the delegator over a domain-separated canonical body.
 */
public record DelegationLink(String from, SignatureAlgorithm fromAlg, byte[] fromKey, String to,
                             SignatureAlgorithm toAlg, byte[] toKey, List<String> scope, byte[] sig) {
    static final byte[] DOMAIN = "memos-cit-link-v1\0".getBytes(StandardCharsets.US_ASCII);
    static final Set<String> FIELDS = Set.of("from", "fromAlg", "fromKey", "to", "toAlg", "toKey", "scope", "sig");

    public DelegationLink {
        fromKey = fromKey.clone();
        toKey = toKey.clone();
        scope = List.copyOf(scope);
        sig = sig.clone();
    }

    /** Signs a new link with the delegator's key; {@code to}'s key is what the delegate will sign with. */
    public static DelegationLink sign(String from, Signer delegator, String to, SignatureAlgorithm toAlg, byte[] toKey,
                                      List<String> scope) {
        DelegationLink unsigned = new DelegationLink(from, delegator.algorithm(), delegator.publicKey(), to, toAlg, toKey,
                scope, new byte[0]);
        byte[] sig = delegator.sign(unsigned.signedBytes());
        return new DelegationLink(from, unsigned.fromAlg, unsigned.fromKey, to, toAlg, toKey, scope, sig);
    }

    /** DOMAIN || canonical JSON of the link without "sig": the bytes the delegator signs. */
    public byte[] signedBytes() {
        byte[] body = CanonicalJson.bytes(toJson(false));
        byte[] out = new byte[DOMAIN.length + body.length];
        System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
        System.arraycopy(body, 0, out, DOMAIN.length, body.length);
        return out;
    }

    public boolean signatureValid() {
        return Signatures.verify(fromAlg, fromKey, signedBytes(), sig);
    }

    @Override
    public byte[] fromKey() {
        return fromKey.clone();
    }

    @Override
    public byte[] toKey() {
        return toKey.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    byte[] rawToKey() {
        return toKey;
    }

    byte[] rawSig() {
        return sig;
    }

    byte[] rawFromKey() {
        return fromKey;
    }

    public ObjectNode toJson(boolean withSig) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("from", from);
        o.put("fromAlg", fromAlg.id());
        o.put("fromKey", Base64Url.encode(fromKey));
        o.put("to", to);
        o.put("toAlg", toAlg.id());
        o.put("toKey", Base64Url.encode(toKey));
        ArrayNode s = o.putArray("scope");
        scope.forEach(s::add);
        if (withSig) {
            o.put("sig", Base64Url.encode(sig));
        }
        return o;
    }

    /** Strict parse: exactly the eight fields, valid names, known algorithms, sorted unique scopes. */
    static DelegationLink fromJson(JsonNode n) {
        if (!n.isObject() || n.size() != FIELDS.size()) {
            throw new IllegalArgumentException("a link has exactly " + FIELDS);
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown link field " + f);
            }
        });
        String from = Payloads.id(n, "from");
        String to = Payloads.id(n, "to");
        return new DelegationLink(from, Payloads.alg(n, "fromAlg"), Payloads.bytes(n, "fromKey"), to,
                Payloads.alg(n, "toAlg"), Payloads.bytes(n, "toKey"), Payloads.scopes(n, "scope"), Payloads.bytes(n, "sig"));
    }

    @Override
    public String toString() {
        return from + " → " + to + " " + scope;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DelegationLink l && java.util.Arrays.equals(signedBytes(), l.signedBytes())
                && java.util.Arrays.equals(sig, l.sig);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sig);
    }
}
