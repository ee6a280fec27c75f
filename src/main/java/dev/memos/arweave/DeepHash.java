package dev.memos.arweave;

import dev.memos.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Arweave's deep hash (arweave-js lib/deepHash.ts), SHA-384 throughout. A value is a byte array,
 * a {@link Blob} (length plus SHA-384 of content, so large data is hashed while streaming) or a
 * list of values.
 */
public final class DeepHash {
    private DeepHash() {
    }

    /** A blob given by its length and the SHA-384 of its bytes, for data too large to hold. */
    public record Blob(long length, byte[] sha384) {
        public Blob {
            sha384 = sha384.clone();
        }
    }

    public static byte[] hash(Object value) {
        if (value instanceof byte[] bytes) {
            return blob(bytes.length, sha384(bytes));
        }
        if (value instanceof Blob b) {
            return blob(b.length(), b.sha384());
        }
        if (value instanceof List<?> list) {
            byte[] acc = sha384(ascii("list" + list.size()));
            for (Object item : list) {
                acc = sha384(acc, hash(item));
            }
            return acc;
        }
        throw new IllegalArgumentException("deep hash takes byte arrays, blobs and lists");
    }

    private static byte[] blob(long length, byte[] contentHash) {
        return sha384(sha384(ascii("blob" + length)), contentHash);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha384(byte[]... parts) {
        return Hash.sha384(parts);
    }
}
