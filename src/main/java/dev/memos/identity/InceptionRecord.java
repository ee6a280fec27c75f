package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public statement "identity {@code id} signs with {@code publicKey}", signed by that key and
 * published on Arweave the first time the identity backs up or publishes (FORMAT.md §13). An ID's
 * suffix is random, so nothing in the ID binds it to a key: a verifier with no local copy and no pin
 * takes the key of the earliest validly signed record ({@link InceptionRecords#earliest}).
 */
public record InceptionRecord(String id, SignatureAlgorithm algorithm, byte[] publicKey, long created, byte[] signature) {
    public static final String FORMAT = "memos-inception-v1";
    /** Larger than any record (a P-256 record is about 330 bytes): downloads stop here. */
    public static final int MAX_BYTES = 2048;
    static final Set<String> MEMBERS = new TreeSet<>(Set.of("alg", "created", "format", "id", "publicKey", "signature"));

    public InceptionRecord {
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    /** A record for {@code id} signed now by its identity key. */
    public static InceptionRecord sign(MociId id, Signer signer, long created) {
        InceptionRecord unsigned = new InceptionRecord(id.toString(), signer.algorithm(), signer.publicKey(), created, new byte[0]);
        return new InceptionRecord(unsigned.id, unsigned.algorithm, unsigned.publicKey, created, signer.sign(unsigned.signedBytes()));
    }

    /** {@code "memos-inception-v1\n" || JCS(record without "signature")}: what the identity key signs. */
    public byte[] signedBytes() {
        byte[] prefix = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = CanonicalJson.bytes(body());
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    public boolean signatureValid() {
        return Signatures.verify(algorithm, publicKey, signedBytes(), signature);
    }

    private ObjectNode body() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("alg", algorithm.id());
        n.put("created", created);
        n.put("format", FORMAT);
        n.put("id", id);
        n.put("publicKey", Base64Url.encode(publicKey));
        return n;
    }

    /** The published bytes: canonical JSON of the body plus {@code "signature"}. */
    public byte[] toBytes() {
        ObjectNode n = body();
        n.put("signature", Base64Url.encode(signature));
        return CanonicalJson.bytes(n);
    }

    /** The tags a record is published with and searched by (they only find candidates; the body decides). */
    public static Map<String, String> tags(String id) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("App-Name", "memos");
        t.put("Content-Type", "application/json");
        t.put("Memos-Type", "identity-inception");
        t.put("Memos-Id", id);
        return t;
    }

    /**
     * Parses published bytes strictly: exactly the six members, a valid ID, a known algorithm with a key
     * of its length, and bytes identical to their canonical re-encoding (one record, one encoding). The
     * signature is not checked here ({@link #signatureValid}). Throws INTEGRITY naming what is wrong.
     */
    public static InceptionRecord parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw bad("longer than " + MAX_BYTES + " bytes");
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw bad("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw bad("not a JSON object");
        }
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        if (!names.equals(MEMBERS)) {
            throw bad("members must be exactly " + MEMBERS);
        }
        if (!FORMAT.equals(n.get("format").textValue())) {
            throw bad("format is not " + FORMAT);
        }
        String id = text(n, "id");
        IdValidation v = IdValidation.check(id);
        if (!v.valid()) {
            throw bad("id: " + v.message());
        }
        SignatureAlgorithm alg;
        try {
            alg = SignatureAlgorithm.fromId(text(n, "alg"));
        } catch (IllegalArgumentException e) {
            throw bad("alg is not ed25519 or ecdsa-p256-sha256");
        }
        JsonNode created = n.get("created");
        if (!created.isIntegralNumber() || !created.canConvertToLong() || created.longValue() < 0) {
            throw bad("created is not a non-negative integer");
        }
        byte[] key = b64(n, "publicKey");
        if (key.length != (alg == SignatureAlgorithm.ED25519 ? 32 : 65)) {
            throw bad("publicKey has " + key.length + " bytes, not the length of an " + alg.id() + " key");
        }
        byte[] sig = b64(n, "signature");
        if (sig.length != 64) {
            throw bad("signature has " + sig.length + " bytes, not 64");
        }
        InceptionRecord r = new InceptionRecord(id, alg, key, created.longValue(), sig);
        if (!Arrays.equals(r.toBytes(), bytes)) {
            throw bad("not in canonical form (RFC 8785, unpadded base64url)");
        }
        return r;
    }

    private static String text(JsonNode n, String member) {
        if (!n.get(member).isTextual()) {
            throw bad(member + " is not a string");
        }
        return n.get(member).textValue();
    }

    private static byte[] b64(JsonNode n, String member) {
        try {
            return Base64Url.decode(text(n, member));
        } catch (IllegalArgumentException e) {
            throw bad(member + " is not base64url");
        }
    }

    private static MemosException bad(String what) {
        return MemosException.integrity("inception record rejected: " + what);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InceptionRecord r && Arrays.equals(toBytes(), r.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "InceptionRecord[" + id + " " + dev.memos.crypto.KeyFingerprint.of(publicKey) + "]";
    }
}
