package dev.memos.backup;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The 76-byte public header of a bundle (FORMAT.md §3.1). Parsing checks the structure only;
 * {@link #authenticate(BundleKeys)} checks the MAC, which needs the key.
 */
public final class BundleHeader {
    public static final int LENGTH = 76;
    public static final int VERSION = 1;
    public static final int DEFAULT_CHUNK_LOG2 = 16;
    static final byte[] MAGIC = "MEMOSBDL".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_OFFSET = 44;

    private final byte[] bytes;

    private BundleHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Builds and MACs a header for a new bundle. */
    static BundleHeader create(BundleKeys keys, Compression compression, int chunkLog2, byte[] salt) {
        if (salt.length != 32) {
            throw new IllegalArgumentException("bundle salt is 32 bytes");
        }
        byte[] b = new byte[LENGTH];
        System.arraycopy(MAGIC, 0, b, 0, 8);
        b[8] = VERSION;
        b[9] = (byte) compression.code();
        b[10] = (byte) chunkLog2;
        b[11] = 0;
        System.arraycopy(salt, 0, b, 12, 32);
        try (SecretBytes k = keys.headerKey(salt)) {
            System.arraycopy(BundleKeys.hmac(k, Arrays.copyOf(b, MAC_OFFSET)), 0, b, MAC_OFFSET, 32);
        }
        return new BundleHeader(b);
    }

    public static BundleHeader parse(byte[] data) {
        if (data.length < LENGTH) {
            throw MemosException.integrity("not a memos bundle: shorter than its 76-byte header");
        }
        byte[] b = Arrays.copyOf(data, LENGTH);
        if (!Arrays.equals(Arrays.copyOf(b, 8), MAGIC)) {
            throw MemosException.integrity("not a memos bundle (wrong magic bytes): check the file name");
        }
        if (b[8] != VERSION) {
            throw MemosException.integrity("bundle format version " + (b[8] & 0xff) + " is not supported by this memos (knows "
                    + VERSION + "): upgrade memos");
        }
        Compression.fromCode(b[9] & 0xff);
        int log2 = b[10] & 0xff;
        if (log2 < 12 || log2 > 22) {
            throw MemosException.integrity("the bundle header names an invalid chunk size (2^" + log2 + "): it is damaged");
        }
        if (b[11] != 0) {
            throw MemosException.integrity("the bundle header has a non-zero reserved byte: it is damaged or from a newer memos");
        }
        return new BundleHeader(b);
    }

    /** Reads and parses the header of a file; needs no key. */
    public static BundleHeader read(Path bundle) {
        try (InputStream in = Files.newInputStream(bundle)) {
            return parse(in.readNBytes(LENGTH));
        } catch (NoSuchFileException e) {
            throw MemosException.usage("no bundle at " + bundle + ": check the path");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + bundle + ": " + e.getMessage(), e);
        }
    }

    /** Checks the header MAC; a mismatch is an AUTH error raised before anything is decrypted. */
    public BundleHeader authenticate(BundleKeys keys) {
        byte[] expected;
        try (SecretBytes k = keys.headerKey(salt())) {
            expected = BundleKeys.hmac(k, Arrays.copyOf(bytes, MAC_OFFSET));
        }
        if (!Hash.equal(expected, Arrays.copyOfRange(bytes, MAC_OFFSET, LENGTH))) {
            throw MemosException.auth("this bundle was not made with the key of " + keys.address()
                    + " (or its header was altered): unlock the key that made it");
        }
        return this;
    }

    public int version() {
        return bytes[8];
    }

    public Compression compression() {
        return Compression.fromCode(bytes[9] & 0xff);
    }

    public int chunkSize() {
        return 1 << (bytes[10] & 0xff);
    }

    public byte[] salt() {
        return Arrays.copyOfRange(bytes, 12, 44);
    }

    public String saltHex() {
        return Hex.encode(salt());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of chunks and the plaintext length implied by a bundle of {@code size} bytes. */
    public Layout layout(long size) {
        long body = size - LENGTH;
        long block = chunkSize() + 16L;
        if (body <= 0) {
            throw MemosException.integrity("the bundle has no encrypted content: it is truncated; get an intact copy");
        }
        long n = (body + block - 1) / block;
        long lastLen = body - (n - 1) * block;
        if (lastLen < 17) {
            throw MemosException.integrity("the bundle ends inside a chunk tag: it is truncated or has bytes appended; get an intact copy");
        }
        return new Layout(n, body - 16 * n);
    }

    /** Chunk count and plaintext length of a bundle. */
    public record Layout(long chunks, long plaintextLength) {
    }
}
