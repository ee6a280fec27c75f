package dev.memos.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;

/**
 * The REVOKED record an identity signs with its own key when it is revoked (docs/FORMAT.md §8):
 * canonical JSON {@code {"algorithm","at","id","publicKey","type":"REVOKED","version":1}}. Anyone
 * holding the public key can verify it; the ring component appends it to the memory chain.
 */
public final class RevocationRecord {
    private RevocationRecord() {
    }

    public static byte[] encode(MociId id, SignatureAlgorithm algorithm, byte[] publicKey, long epochSeconds) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "REVOKED");
        o.put("version", 1);
        o.put("id", id.toString());
        o.put("algorithm", algorithm.id());
        o.put("publicKey", Base64Url.encode(publicKey));
        o.put("at", epochSeconds);
        return CanonicalJson.bytes(o);
    }

    /** True when {@code record} is a REVOKED record for {@code id} signed by the key inside it. */
    public static boolean verify(MociId id, byte[] record, byte[] signature) {
        try {
            var n = Json.mapper().readTree(record);
            if (!"REVOKED".equals(n.path("type").asText()) || !id.toString().equals(n.path("id").asText())) {
                return false;
            }
            SignatureAlgorithm alg = SignatureAlgorithm.fromId(n.path("algorithm").asText());
            return Signatures.verify(alg, Base64Url.decode(n.path("publicKey").asText()), record, signature);
        } catch (Exception e) {
            return false;
        }
    }
}
