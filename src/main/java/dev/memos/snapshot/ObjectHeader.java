package dev.memos.snapshot;

import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Hash;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 76-byte header of packs and snapshot files (FORMAT.md §14.4): magic, version, salt and a MAC
 * under a key derived from the salt. Checking the MAC first is what turns "made under another key"
 * into one clear refusal instead of a cascade of failed blobs.
 */
final class ObjectHeader {
    static final int LENGTH = 76;
    static final int MAC_OFFSET = 44;
    static final byte VERSION = 1;
    static final String PACK_MAGIC = "MEMOSPAK";
    static final String SNAPSHOT_MAGIC = "MEMOSSNP";
    static final String HANDOVER_MAGIC = "MEMOSHND";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private ObjectHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new header with a fresh salt (or the given one, for vectors). */
    static ObjectHeader create(String magic, SecretBytes base, byte[] saltOrNull) {
        byte[] salt = saltOrNull != null ? saltOrNull.clone() : new byte[32];
        if (saltOrNull == null) {
            RANDOM.nextBytes(salt);
        }
        byte[] h = new byte[LENGTH];
        System.arraycopy(magic.getBytes(StandardCharsets.US_ASCII), 0, h, 0, 8);
        h[8] = VERSION;
        System.arraycopy(salt, 0, h, 12, 32);
        try (SecretBytes k = SnapshotKeys.perObject(base, salt, "header-mac")) {
            System.arraycopy(HmacSha256.mac(k, Arrays.copyOf(h, MAC_OFFSET)), 0, h, MAC_OFFSET, 32);
        }
        return new ObjectHeader(h);
    }

    /** Parses and authenticates; {@code what} names the object in errors ("pack 3fa0…"). */
    static ObjectHeader verify(byte[] data, String magic, SecretBytes base, String what) {
        if (data.length < LENGTH) {
            throw MemosException.integrity(what + " is truncated: it is shorter than its 76-byte header");
        }
        if (!Arrays.equals(Arrays.copyOf(data, 8), magic.getBytes(StandardCharsets.US_ASCII))) {
            throw MemosException.integrity(what + " is not a memos " + kind(magic)
                    + " (wrong magic): the object is damaged or of another kind");
        }
        if (data[8] != VERSION) {
            throw MemosException.integrity(what + " has format version " + (data[8] & 0xff) + ": made by a newer memos; upgrade");
        }
        if (data[9] != 0 || data[10] != 0 || data[11] != 0) {
            throw MemosException.integrity(what + " has non-zero reserved header bytes: it is damaged or from a newer memos");
        }
        byte[] h = Arrays.copyOf(data, LENGTH);
        ObjectHeader header = new ObjectHeader(h);
        try (SecretBytes k = SnapshotKeys.perObject(base, header.salt(), "header-mac")) {
            byte[] mac = HmacSha256.mac(k, Arrays.copyOf(h, MAC_OFFSET));
            if (!Hash.equal(mac, Arrays.copyOfRange(h, MAC_OFFSET, LENGTH))) {
                throw MemosException.integrity(what + " was made under another key or altered (its header MAC does not verify)"
                        + ": it does not belong to this key's backups");
            }
        }
        return header;
    }

    private static String kind(String magic) {
        return magic.equals(PACK_MAGIC) ? "pack" : magic.equals(SNAPSHOT_MAGIC) ? "snapshot" : "key handover";
    }

    /**
     * Whether {@code data} starts with a well-formed header of this kind whose MAC verifies under
     * {@code base}: which of several keys an object belongs to, asked without raising an error.
     */
    static boolean madeUnder(byte[] data, String magic, SecretBytes base) {
        if (data.length < LENGTH || !Arrays.equals(Arrays.copyOf(data, 8), magic.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        byte[] h = Arrays.copyOf(data, LENGTH);
        try (SecretBytes k = SnapshotKeys.perObject(base, Arrays.copyOfRange(h, 12, 44), "header-mac")) {
            return Hash.equal(HmacSha256.mac(k, Arrays.copyOf(h, MAC_OFFSET)), Arrays.copyOfRange(h, MAC_OFFSET, LENGTH));
        }
    }

    byte[] salt() {
        return Arrays.copyOfRange(bytes, 12, 44);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** header[0..44): the associated data of snapshot payloads and pack trailers. */
    byte[] authenticatedPart() {
        return Arrays.copyOf(bytes, MAC_OFFSET);
    }

    /** K_obj of this object. */
    SecretBytes payloadKey(SecretBytes base) {
        return SnapshotKeys.perObject(base, salt(), "payload");
    }
}
