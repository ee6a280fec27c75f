package dev.memos.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
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
        StrictRecord n = StrictRecord.parse(bytes, MAX_BYTES, MEMBERS, FORMAT, "inception record");
        String id = n.id();
        SignatureAlgorithm alg = n.alg();
        long created = n.nonNegative("created");
        byte[] key = n.publicKey(alg);
        byte[] sig = n.signature();
        InceptionRecord r = new InceptionRecord(id, alg, key, created, sig);
        if (!Arrays.equals(r.toBytes(), bytes)) {
            throw bad("not in canonical form (RFC 8785, unpadded base64url)");
        }
        return r;
    }

    private static MemosException bad(String what) {
        return StrictRecord.bad("inception record", what);
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
