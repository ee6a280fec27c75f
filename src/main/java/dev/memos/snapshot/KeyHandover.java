package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.BundleKeys;
import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.AesGcm;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.encoding.StrictReader;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A backup key handover (FORMAT.md §14.12): the old Ethereum key hands its snapshot history to a new
 * one. The record names both addresses and the old chain's head, carries the old keys wrapped for the
 * new key, is signed by the old key (so nobody can hand a victim's history to themselves) and
 * countersigned by the new key (so nobody can hand a stranger's key a fake history), and travels
 * encrypted under a key of the new key, so outsiders cannot link the two addresses from its content.
 */
public final class KeyHandover {
    static final String FORMAT = "memos-key-handover";
    static final String OLD_PREFIX = "MemOS key handover v1 ";
    static final String NEW_PREFIX = "MemOS key handover accept v1 ";
    static final String WRAP_AAD = "memos key handover v1\n";
    private static final byte[] ZERO_NONCE = new byte[ChaCha20Poly1305.NONCE_LENGTH];
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> SEALED = Set.of("handover", "handover_sha256", "new_signature", "old_signature");
    private static final Set<String> BODY = Set.of("created_at", "format", "new_address", "old_address", "old_head",
            "old_public_key", "version", "wrapped_keys");
    private static final Set<String> HEAD = Set.of("sequence", "sha256", "snapshot_id");
    private static final Set<String> WRAP = Set.of("ciphertext", "nonce");
    private static final StrictReader READ = new StrictReader(KeyHandover::bad);

    /** The old chain's head at the rotation: the new key's first backup continues after it. */
    public record Head(long sequence, String sha256, String snapshotId) {
    }

    /** A handover file and its id (lower-case hex SHA-256 of the file). */
    public record Encoded(String id, byte[] bytes) {
    }

    /** A verified handover: who handed to whom, up to which head, and the old address's keys (close it). */
    public record Opened(String id, String oldAddress, String newAddress, byte[] oldPublicKey, Head head, String createdAt,
            SnapshotKeys oldKeys, SecretBytes oldBundleKey) implements AutoCloseable {
        @Override
        public void close() {
            oldKeys.close();
            oldBundleKey.close();
        }
    }

    private KeyHandover() {
    }

    /** A new handover from {@code oldKey} to {@code newKey}; fresh salt and wrap nonce. */
    public static Encoded write(EthPrivateKey oldKey, EthPrivateKey newKey, Head head, String createdAt) {
        byte[] nonce = new byte[AesGcm.NONCE];
        RANDOM.nextBytes(nonce);
        try (SnapshotKeys newKeys = SnapshotKeys.derive(newKey)) {
            return seal(body(oldKey, newKeys, head, createdAt, nonce), EthSigner.of(oldKey), EthSigner.of(newKey), newKeys, null);
        }
    }

    /** The tag value that finds handovers to this key on Arweave (FORMAT.md §14.12): a one-way value of K. */
    public static String tag(SnapshotKeys to) {
        try (SecretBytes t = to.handoverKey("handover-tag")) {
            return Hex.encode(t.reveal());
        }
    }

    /** The body of §14.12, with the old keys wrapped under the new key's wrap key. */
    static ObjectNode body(EthPrivateKey oldKey, SnapshotKeys newKeys, Head head, String createdAt, byte[] nonce) {
        String oldAddr = oldKey.address().checksummed();
        byte[] plain = new byte[64];
        byte[] wrapped;
        try (SnapshotKeys oldKeys = SnapshotKeys.derive(oldKey); BundleKeys bundle = BundleKeys.derive(oldKey);
                SecretBytes wrap = newKeys.handoverKey("handover-wrap")) {
            byte[] root = oldKeys.rootKey().reveal();
            byte[] enc = bundle.encryptionKey().reveal();
            System.arraycopy(root, 0, plain, 0, 32);
            System.arraycopy(enc, 0, plain, 32, 32);
            Arrays.fill(root, (byte) 0);
            Arrays.fill(enc, (byte) 0);
            wrapped = AesGcm.seal(wrap, nonce, wrapAad(oldAddr, newKeys.address()), plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("created_at", createdAt);
        b.put("format", FORMAT);
        b.put("new_address", newKeys.address());
        b.put("old_address", oldAddr);
        ObjectNode h = b.putObject("old_head");
        h.put("sequence", head.sequence());
        h.put("sha256", head.sha256());
        if (head.snapshotId() == null) {
            h.putNull("snapshot_id");
        } else {
            h.put("snapshot_id", head.snapshotId());
        }
        b.put("old_public_key", Hex.encode(oldKey.publicKey()));
        b.put("version", 1);
        ObjectNode w = b.putObject("wrapped_keys");
        w.put("ciphertext", Hex.encode(wrapped));
        w.put("nonce", Hex.encode(nonce));
        return b;
    }

    /**
     * Signs {@code body} with both signers (a null {@code newSigner} leaves the countersignature out,
     * for the tests that prove it is required) and encrypts it for {@code to}. Salt null = fresh.
     */
    static Encoded seal(ObjectNode body, EthSigner oldSigner, EthSigner newSigner, SnapshotKeys to, byte[] salt) {
        String sha = Hex.encode(Hash.sha256(CanonicalJson.bytes(body)));
        ObjectNode sealed = JsonNodeFactory.instance.objectNode();
        sealed.set("handover", body);
        sealed.put("handover_sha256", sha);
        if (newSigner != null) {
            sealed.put("new_signature", sign(newSigner, NEW_PREFIX + sha));
        }
        sealed.put("old_signature", sign(oldSigner, OLD_PREFIX + sha));
        byte[] plain = CanonicalJson.bytes(sealed);
        try (SecretBytes base = to.handoverKey("handover-enc")) {
            ObjectHeader h = ObjectHeader.create(ObjectHeader.HANDOVER_MAGIC, base, salt);
            byte[] ct;
            try (SecretBytes k = h.payloadKey(base)) {
                ct = new ChaCha20Poly1305(k).seal(ZERO_NONCE, h.authenticatedPart(), plain, 0, plain.length);
            }
            byte[] file = new byte[ObjectHeader.LENGTH + ct.length];
            System.arraycopy(h.bytes(), 0, file, 0, ObjectHeader.LENGTH);
            System.arraycopy(ct, 0, file, ObjectHeader.LENGTH, ct.length);
            return new Encoded(Hex.encode(Hash.sha256(file)), file);
        }
    }

    private static String sign(EthSigner signer, String message) {
        return "0x" + Hex.encode(signer.signPersonalMessage(message.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Opens a handover for the key {@code to}. Empty when it is not for this key: its header MAC does
     * not verify under this key (another key's handover), or it names another new address ({@code warn}
     * is told). Every other failure (altered, forged, not countersigned, keys that do not unwrap) is
     * INTEGRITY (exit 4).
     */
    public static Optional<Opened> open(byte[] file, String id, SnapshotKeys to, Consumer<String> warn) {
        String what = "key handover " + id.substring(0, Math.min(12, id.length()));
        if (!Hex.encode(Hash.sha256(file)).equals(id)) {
            throw MemosException.integrity(what + " does not match its id (SHA-256): it was altered or truncated");
        }
        byte[] plain;
        try (SecretBytes base = to.handoverKey("handover-enc")) {
            if (!ObjectHeader.madeUnder(file, ObjectHeader.HANDOVER_MAGIC, base)) {
                return Optional.empty();
            }
            ObjectHeader h = ObjectHeader.verify(file, ObjectHeader.HANDOVER_MAGIC, base, what);
            try (SecretBytes k = h.payloadKey(base)) {
                plain = new ChaCha20Poly1305(k).open(ZERO_NONCE, h.authenticatedPart(), file, ObjectHeader.LENGTH, file.length - ObjectHeader.LENGTH);
            }
        }
        if (plain == null) {
            throw MemosException.integrity(what + " fails authentication: it was altered or truncated");
        }
        return parse(plain, id, to, warn);
    }

    /** The reading rules of §14.12 over the decrypted record; public for the fuzz target. */
    public static Optional<Opened> parse(byte[] plain, String id, SnapshotKeys to, Consumer<String> warn) {
        String what = "key handover " + id.substring(0, Math.min(12, id.length()));
        JsonNode n;
        try {
            n = Json.mapper().readTree(plain);
        } catch (IOException e) {
            throw bad("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw bad("not a JSON object");
        }
        READ.exactKeys(n, SEALED, "sealed handover");
        try {
            if (!Arrays.equals(CanonicalJson.bytes(n), plain)) {
                throw bad("not in canonical form");
            }
        } catch (IllegalArgumentException e) {
            throw bad("a value that canonical JSON does not allow");
        }
        JsonNode b = n.get("handover");
        READ.exactKeys(b, BODY, "handover");
        if (!FORMAT.equals(READ.text(b, "format")) || READ.integer(b, "version", 0, Long.MAX_VALUE) != 1) {
            throw MemosException.integrity(what + " has an unknown format or version: made by a newer memos; upgrade");
        }
        String sha = READ.sha256(n, "handover_sha256");
        if (!sha.equals(Hex.encode(Hash.sha256(CanonicalJson.bytes(b))))) {
            throw MemosException.integrity(what + ": the handover hash does not match its content: it was altered");
        }
        String oldAddr = address(b, "old_address");
        String newAddr = address(b, "new_address");
        if (!newAddr.equals(to.address())) {
            warn.accept(what + " hands over to " + newAddr + ", not to the key in use " + to.address() + ": ignored");
            return Optional.empty();
        }
        if (oldAddr.equals(newAddr)) {
            throw MemosException.integrity(what + " hands " + oldAddr + " over to itself: it is malformed");
        }
        byte[] pub = hexField(b, "old_public_key", 65);
        if (pub[0] != 4 || !EthAddress.fromPublicKey(pub).checksummed().equals(oldAddr)) {
            throw MemosException.integrity(what + ": old_public_key is not the key of " + oldAddr + ": it was altered or forged");
        }
        if (!signed(n, "old_signature", oldAddr, OLD_PREFIX + sha)) {
            throw MemosException.integrity(what + " is not signed by the old key " + oldAddr + ": it is forged or altered; refused");
        }
        if (!n.has("new_signature") || !signed(n, "new_signature", newAddr, NEW_PREFIX + sha)) {
            throw MemosException.integrity(what + " is not countersigned by the new key " + newAddr
                    + " (signature missing or wrong): refused");
        }
        JsonNode hn = b.get("old_head");
        READ.exactKeys(hn, HEAD, "old_head");
        Head head = new Head(READ.integer(hn, "sequence", 1, Long.MAX_VALUE), READ.sha256(hn, "sha256"), READ.sha256OrNull(hn, "snapshot_id"));
        String created = READ.text(b, "created_at");
        if (!created.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
            throw bad("'created_at' is not a UTC time YYYY-MM-DDTHH:MM:SSZ");
        }
        JsonNode w = b.get("wrapped_keys");
        READ.exactKeys(w, WRAP, "wrapped_keys");
        byte[] nonce = hexField(w, "nonce", AesGcm.NONCE);
        byte[] ct = hexField(w, "ciphertext", 64 + AesGcm.TAG);
        byte[] keys;
        try (SecretBytes wrap = to.handoverKey("handover-wrap")) {
            keys = AesGcm.open(wrap, nonce, wrapAad(oldAddr, newAddr), ct).orElseThrow(() -> MemosException.integrity(
                    what + ": the wrapped keys do not open under the new key: they were altered"));
        }
        try {
            SnapshotKeys oldKeys = SnapshotKeys.fromRoot(oldAddr, SecretBytes.copyOf(Arrays.copyOf(keys, 32)));
            return Optional.of(new Opened(id, oldAddr, newAddr, pub, head, created, oldKeys,
                    SecretBytes.copyOf(Arrays.copyOfRange(keys, 32, 64))));
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    private static boolean signed(JsonNode n, String field, String address, String message) {
        String sig = READ.text(n, field);
        return sig.matches("0x[0-9a-f]{130}") && EthVerifier.verifyPersonalMessage(EthAddress.parse(address),
                message.getBytes(StandardCharsets.US_ASCII), Hex.decode(sig.substring(2)));
    }

    private static String address(JsonNode b, String field) {
        String a = READ.text(b, field);
        try {
            if (EthAddress.parse(a).checksummed().equals(a)) {
                return a;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad("'" + field + "' is not an EIP-55 address");
    }

    private static byte[] hexField(JsonNode n, String field, int length) {
        String v = READ.text(n, field);
        if (!v.matches("[0-9a-f]{" + (2 * length) + "}")) {
            throw bad("'" + field + "' is not " + length + " bytes of lower-case hex");
        }
        return Hex.decode(v);
    }

    private static byte[] wrapAad(String oldAddr, String newAddr) {
        return (WRAP_AAD + oldAddr.toLowerCase(java.util.Locale.ROOT) + "\n" + newAddr.toLowerCase(java.util.Locale.ROOT))
                .getBytes(StandardCharsets.US_ASCII);
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the key handover is malformed (" + Json.printable(what) + "): it is damaged or from a newer memos");
    }
}
