package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "log {@code log} had {@code size} entries with Merkle root {@code root} at
 * {@code time}" (FORMAT.md §12.4). The signature covers {@link #signedMessage()}; the stored and
 * anchored form is the canonical JSON of {@link #toJson()}.
 */
public record Checkpoint(String log, long size, byte[] root, long timeMillis, SignatureAlgorithm algorithm,
                         byte[] publicKey, byte[] signature) {
    static final String DOMAIN = "memos-audit-checkpoint-v1\n";

    public Checkpoint {
        if (size < 0 || root.length != Merkle.HASH_LEN) {
            throw new IllegalArgumentException("checkpoint needs a size >= 0 and a 32-byte root");
        }
        root = root.clone();
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    public static Checkpoint sign(String log, long size, byte[] root, long timeMillis, Signer signer) {
        byte[] message = message(log, size, root, timeMillis);
        return new Checkpoint(log, size, root, timeMillis, signer.algorithm(), signer.publicKey(), signer.sign(message));
    }

    /** ascii("memos-audit-checkpoint-v1\n") || canonical JSON {log, root (hex), size, time}. */
    static byte[] message(String log, long size, byte[] root, long timeMillis) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("log", log);
        body.put("root", Hex.encode(root));
        body.put("size", size);
        body.put("time", timeMillis);
        byte[] json = CanonicalJson.bytes(body);
        byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[domain.length + json.length];
        System.arraycopy(domain, 0, out, 0, domain.length);
        System.arraycopy(json, 0, out, domain.length, json.length);
        return out;
    }

    public byte[] signedMessage() {
        return message(log, size, root, timeMillis);
    }

    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** Signature valid and made by {@code trustedKey} (any key if {@code trustedKey} is null). */
    public boolean verifies(SignatureAlgorithm trustedAlg, byte[] trustedKey) {
        if (trustedKey != null && (trustedAlg != algorithm || !Hash.equal(trustedKey, publicKey))) {
            return false;
        }
        return Signatures.verify(algorithm, publicKey, signedMessage(), signature);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("alg", algorithm.id());
        n.put("key", Base64Url.encode(publicKey));
        n.put("log", log);
        n.put("root", Hex.encode(root));
        n.put("sig", Base64Url.encode(signature));
        n.put("size", size);
        n.put("time", timeMillis);
        return n;
    }

    /** The canonical bytes stored one per line and published by {@code audit anchor}. */
    public byte[] toBytes() {
        return CanonicalJson.bytes(toJson());
    }

    public static Checkpoint parse(byte[] json) {
        try {
            return fromJson(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint is not JSON", e);
        }
    }

    public static Checkpoint fromJson(JsonNode n) {
        if (n == null || !n.isObject() || n.size() != 7) {
            throw new IllegalArgumentException("checkpoint must be an object with alg, key, log, root, sig, size, time");
        }
        try {
            return new Checkpoint(text(n, "log"), integer(n, "size"), Hex.decode(text(n, "root")), integer(n, "time"),
                    SignatureAlgorithm.fromId(text(n, "alg")), Base64Url.decode(text(n, "key")), Base64Url.decode(text(n, "sig")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("checkpoint field '" + field + "' missing or not a string");
        }
        return v.textValue();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("checkpoint field '" + field + "' missing or not an integer");
        }
        return v.longValue();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + log + " size " + size + " root " + Hex.encode(root).substring(0, 16) + "…]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && java.util.Arrays.equals(toBytes(), c.toBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(toBytes());
    }
}
