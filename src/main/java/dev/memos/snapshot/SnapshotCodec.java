package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.EthVerifier;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Snapshot files (FORMAT.md §14.6): the body sealed with an HMAC and an EIP-191 signature, as
 * bundles' manifests are, then compressed and encrypted behind an object header so that paths and
 * sizes are never public. {@link #read} applies the reading rules in the documented order.
 */
public final class SnapshotCodec {
    static final String MAC_LABEL = "memos snapshot v1\n";
    static final String SIGN_PREFIX = "MemOS snapshot v1 ";
    static final int MAX_PLAIN = 256 << 20;
    private static final byte[] ZERO_NONCE = new byte[ChaCha20Poly1305.NONCE_LENGTH];
    private static final Set<String> SEALED_KEYS = Set.of("snapshot", "snapshot_sha256", "hmac", "signature");

    /** A snapshot file: its bytes and id (SHA-256 hex of the bytes). */
    public record Encoded(String id, byte[] bytes) {
    }

    private SnapshotCodec() {
    }

    public static Encoded write(Snapshot s, SnapshotKeys keys, EthSigner signer) {
        return write(s, keys, signer, null, true);
    }

    /** With a fixed salt and no compression for the frozen vectors (zstd output depends on its build). */
    static Encoded write(Snapshot s, SnapshotKeys keys, EthSigner signer, byte[] saltOrNull, boolean compress) {
        if (!s.address().equals(keys.address()) || !s.address().equals(signer.address().checksummed())) {
            throw new IllegalArgumentException("snapshot address, keys and signer must belong to one Ethereum key");
        }
        byte[] payload = sealedPayload(s, keys, signer);
        byte[] z = compress ? Zstd.compress(payload, PackWriter.ZSTD_LEVEL) : payload;
        boolean pays = compress && z.length <= payload.length - payload.length / 32;
        byte[] plain = new byte[1 + (pays ? z.length : payload.length)];
        plain[0] = pays ? PackWriter.ZSTD : PackWriter.STORED;
        System.arraycopy(pays ? z : payload, 0, plain, 1, plain.length - 1);
        ObjectHeader h = ObjectHeader.create(ObjectHeader.SNAPSHOT_MAGIC, keys.snapshotEncKey(), saltOrNull);
        byte[] ct;
        try (SecretBytes k = h.payloadKey(keys.snapshotEncKey())) {
            ct = new ChaCha20Poly1305(k).seal(ZERO_NONCE, h.authenticatedPart(), plain, 0, plain.length);
        }
        byte[] file = new byte[ObjectHeader.LENGTH + ct.length];
        System.arraycopy(h.bytes(), 0, file, 0, ObjectHeader.LENGTH);
        System.arraycopy(ct, 0, file, ObjectHeader.LENGTH, ct.length);
        return new Encoded(Hex.encode(Hash.sha256(file)), file);
    }

    /** canonical(sealed) of §14.6: the body with its HMAC and signature. */
    static byte[] sealedPayload(Snapshot s, SnapshotKeys keys, EthSigner signer) {
        byte[] body = s.canonicalText().getBytes(StandardCharsets.UTF_8);
        String sha = s.sha256();
        ObjectNode sealed = JsonNodeFactory.instance.objectNode();
        sealed.put("hmac", Hex.encode(HmacSha256.mac(keys.snapshotMacKey(), MAC_LABEL.getBytes(StandardCharsets.US_ASCII), body)));
        sealed.put("signature", "0x" + Hex.encode(signer.signPersonalMessage((SIGN_PREFIX + sha).getBytes(StandardCharsets.US_ASCII))));
        sealed.set("snapshot", CanonicalJson.raw(s.canonicalText()));
        sealed.put("snapshot_sha256", sha);
        return CanonicalJson.bytes(sealed);
    }

    static String name(String id) {
        return "snapshot " + (id == null ? "" : id.substring(0, Math.min(12, id.length())));
    }

    /**
     * Reads and verifies a snapshot file. {@code expectedId}, when given, must be the file's
     * SHA-256 (the repository's name for it).
     */
    public static Snapshot read(byte[] file, String expectedId, SnapshotKeys keys) {
        String what = name(expectedId);
        if (expectedId != null && !Hex.encode(Hash.sha256(file)).equals(expectedId)) {
            throw MemosException.integrity(what + " does not match its id (SHA-256): it was altered or truncated");
        }
        ObjectHeader h = ObjectHeader.verify(file, ObjectHeader.SNAPSHOT_MAGIC, keys.snapshotEncKey(), what);
        byte[] plain;
        try (SecretBytes k = h.payloadKey(keys.snapshotEncKey())) {
            plain = new ChaCha20Poly1305(k).open(ZERO_NONCE, h.authenticatedPart(), file, ObjectHeader.LENGTH, file.length - ObjectHeader.LENGTH);
        }
        if (plain == null || plain.length == 0) {
            throw MemosException.integrity(what + " fails authentication: it was altered or truncated");
        }
        byte[] payload = switch (plain[0]) {
            case PackWriter.STORED -> Arrays.copyOfRange(plain, 1, plain.length);
            case PackWriter.ZSTD -> inflate(plain, what);
            default -> throw MemosException.integrity(what + " has an unknown compression flag: made by a newer memos");
        };
        return parseSealed(payload, keys, what);
    }

    /** Rules 4 and 5 of §14.6 over the decrypted payload; public for the fuzz target. */
    public static Snapshot parseSealed(byte[] payload, SnapshotKeys keys, String what) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw SnapshotJson.bad("not JSON");
        }
        SnapshotJson.READ.exactKeys(n, SEALED_KEYS, "sealed snapshot");
        String canonical;
        try {
            canonical = CanonicalJson.string(n);
        } catch (IllegalArgumentException e) {
            throw SnapshotJson.bad("a value that canonical JSON does not allow");
        }
        if (!Arrays.equals(canonical.getBytes(StandardCharsets.UTF_8), payload)) {
            throw SnapshotJson.bad("not in canonical form");
        }
        Snapshot s = Snapshot.fromJson(n.get("snapshot"));
        String sha = SnapshotJson.READ.hex32(n.get("snapshot_sha256"), "snapshot_sha256");
        if (!sha.equals(s.sha256())) {
            throw MemosException.integrity(what + ": the snapshot hash does not match its content: it was altered");
        }
        String hmac = SnapshotJson.READ.hex32(n.get("hmac"), "hmac");
        String sig = SnapshotJson.READ.text(n, "signature");
        if (!sig.matches("0x[0-9a-f]{130}")
                || !EthVerifier.verifyPersonalMessage(EthAddress.parse(s.address()),
                        (SIGN_PREFIX + sha).getBytes(StandardCharsets.US_ASCII), Hex.decode(sig.substring(2)))) {
            throw MemosException.integrity(what + ": the signature was not made by " + s.address() + ": the snapshot was altered or forged");
        }
        if (!s.address().equals(keys.address())) {
            throw MemosException.auth(what + " belongs to " + s.address() + ", not to the key in use " + keys.address()
                    + ": use the key that made it");
        }
        byte[] mac = HmacSha256.mac(keys.snapshotMacKey(), MAC_LABEL.getBytes(StandardCharsets.US_ASCII),
                s.canonicalText().getBytes(StandardCharsets.UTF_8));
        if (!Hash.equal(mac, Hex.decode(hmac))) {
            throw MemosException.integrity(what + ": the snapshot HMAC does not verify: it was altered");
        }
        return s;
    }

    private static byte[] inflate(byte[] plain, String what) {
        try {
            long size = Zstd.decompressedSize(plain, 1, plain.length - 1);
            if (size <= 0 || size > MAX_PLAIN) {
                throw MemosException.integrity(what + " declares an impossible decompressed size");
            }
            byte[] out = new byte[(int) size];
            long n = Zstd.decompressByteArray(out, 0, out.length, plain, 1, plain.length - 1);
            if (n != size) {
                throw MemosException.integrity(what + " decompresses to the wrong length");
            }
            return out;
        } catch (MemosException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MemosException.integrity(what + " does not decompress: it is damaged");
        }
    }
}
