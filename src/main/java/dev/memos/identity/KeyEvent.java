package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One event of an identity's key event log (FORMAT.md §13.6): the inception (sequence 0) or a
 * rotation. Each event names the identity's current key and commits to the SHA-256 of the next one
 * (pre-rotation, as KERI does), so whoever steals the current key still cannot rotate to a key of
 * their choosing: the next rotation must reveal the committed key. An inception is signed by its own
 * key; a rotation by the outgoing key (the previous event's {@code publicKey}).
 *
 * @param next  hex commitment to the next key ({@link #commitment}), or null (an inception written
 *              for an identity made before pre-rotation: the first rotation is then unconstrained)
 * @param prior hex SHA-256 of the previous event's bytes ({@link #digest}); null for the inception
 */
public record KeyEvent(String id, long seq, Type type, SignatureAlgorithm algorithm, byte[] publicKey, String next,
                       String prior, long at, byte[] signature) {
    public static final String FORMAT = "memos-key-event-v1";
    /** Larger than any event (a P-256 rotation is about 420 bytes): readers stop here. */
    public static final int MAX_BYTES = 2048;
    static final Set<String> MEMBERS = new TreeSet<>(Set.of("alg", "at", "format", "id", "next", "prior", "publicKey",
            "seq", "signature", "type"));
    private static final byte[] COMMIT_DOMAIN = "memos-next-key-v1\u0000".getBytes(StandardCharsets.US_ASCII);

    /** Inception or rotation; the name is what the {@code type} member holds. */
    public enum Type {
        INCEPTION("inception"), ROTATION("rotation");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Type of(String id) {
            for (Type t : values()) {
                if (t.id.equals(id)) {
                    return t;
                }
            }
            throw bad("type is not inception or rotation");
        }
    }

    public KeyEvent {
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** hex(SHA-256("memos-next-key-v1" 0x00 || utf8(alg) 0x00 || publicKey)): what an event commits to. */
    public static String commitment(SignatureAlgorithm alg, byte[] publicKey) {
        return Hex.encode(Hash.sha256(COMMIT_DOMAIN, (alg.id() + "\u0000").getBytes(StandardCharsets.UTF_8), publicKey));
    }

    /** The inception of {@code id}: signed by {@code current}, committing to {@code nextKey} (null: no commitment). */
    public static KeyEvent inception(MociId id, Signer current, byte[] nextKey, long at) {
        String next = nextKey == null ? null : commitment(current.algorithm(), nextKey);
        return signed(new KeyEvent(id.toString(), 0, Type.INCEPTION, current.algorithm(), current.publicKey(), next, null,
                at, new byte[0]), current);
    }

    /**
     * The rotation after {@code previous}: {@code outgoing} (the previous event's key) signs it; it reveals
     * {@code newKey} and commits to {@code nextKey}.
     */
    public static KeyEvent rotation(KeyEvent previous, Signer outgoing, byte[] newKey, byte[] nextKey, long at) {
        return signed(new KeyEvent(previous.id, previous.seq + 1, Type.ROTATION, previous.algorithm, newKey,
                commitment(previous.algorithm, nextKey), previous.digest(), at, new byte[0]), outgoing);
    }

    private static KeyEvent signed(KeyEvent unsigned, Signer signer) {
        return new KeyEvent(unsigned.id, unsigned.seq, unsigned.type, unsigned.algorithm, unsigned.publicKey,
                unsigned.next, unsigned.prior, unsigned.at, signer.sign(unsigned.signedBytes()));
    }

    /** {@code "memos-key-event-v1\n" || JCS(event without "signature")}: the bytes the signing key signs. */
    public byte[] signedBytes() {
        byte[] prefix = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = CanonicalJson.bytes(body());
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** True when {@code signature} verifies under {@code signerKey} (the own key for an inception, the outgoing one for a rotation). */
    public boolean signedBy(byte[] signerKey) {
        return Signatures.verify(algorithm, signerKey, signedBytes(), signature);
    }

    /** hex(SHA-256(event bytes)): what the next event's {@code prior} names. */
    public String digest() {
        return Hex.encode(Hash.sha256(toBytes()));
    }

    private ObjectNode body() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("alg", algorithm.id());
        n.put("at", at);
        n.put("format", FORMAT);
        n.put("id", id);
        n.put("next", next);
        n.put("prior", prior);
        n.put("publicKey", Base64Url.encode(publicKey));
        n.put("seq", seq);
        n.put("type", type.id());
        return n;
    }

    /** The stored and carried form: canonical JSON of the body plus {@code "signature"}. */
    public byte[] toBytes() {
        return CanonicalJson.bytes(toJson());
    }

    public ObjectNode toJson() {
        ObjectNode n = body();
        n.put("signature", Base64Url.encode(signature));
        return n;
    }

    /**
     * Parses one event strictly: exactly the ten members, a valid ID, a known algorithm with a key of its
     * length, hex digests of 64 digits (or null where allowed), and bytes identical to their canonical
     * re-encoding. Signatures and the link to other events are checked by {@link KeyEventLog}.
     */
    public static KeyEvent parse(byte[] bytes) {
        KeyEvent e = read(StrictRecord.parse(bytes, MAX_BYTES, MEMBERS, FORMAT, RECORD));
        if (!Arrays.equals(e.toBytes(), bytes)) {
            throw bad("not in canonical form (RFC 8785, unpadded base64url)");
        }
        return e;
    }

    /** As {@link #parse} for an already parsed member of a larger document (canonical form is the document's). */
    public static KeyEvent fromJson(JsonNode n) {
        return read(StrictRecord.of(n, MEMBERS, FORMAT, RECORD));
    }

    private static KeyEvent read(StrictRecord n) {
        String id = n.id();
        SignatureAlgorithm alg = n.alg();
        long seq = n.nonNegative("seq");
        long at = n.nonNegative("at");
        Type type = Type.of(n.text("type"));
        byte[] key = n.publicKey(alg);
        byte[] sig = n.signature();
        String next = digestOrNull(n, "next");
        String prior = digestOrNull(n, "prior");
        if ((type == Type.INCEPTION) != (seq == 0) || (prior == null) != (seq == 0)) {
            throw bad("sequence 0 must be the inception (no prior) and every later event a rotation with a prior");
        }
        if (type == Type.ROTATION && next == null) {
            throw bad("a rotation must commit to the next key");
        }
        return new KeyEvent(id, seq, type, alg, key, next, prior, at, sig);
    }

    private static String digestOrNull(StrictRecord n, String member) {
        if (n.node(member).isNull()) {
            return null;
        }
        String s = n.text(member);
        if (!s.matches("[0-9a-f]{64}")) {
            throw bad(member + " is not 64 lower-case hex digits");
        }
        return s;
    }

    private static final String RECORD = "key event";

    static MemosException bad(String what) {
        return StrictRecord.bad(RECORD, what);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyEvent e && Arrays.equals(toBytes(), e.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "KeyEvent[" + id + " #" + seq + " " + type.id() + " " + dev.memos.crypto.KeyFingerprint.of(publicKey) + "]";
    }
}
