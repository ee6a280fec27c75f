package dev.memos.crypto;

import dev.memos.encoding.Hex;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one hash helper: SHA-256 and SHA-384, one-shot over several parts or incremental. It wraps the
 * JDK's MessageDigest so that no package but {@code crypto} names a JCA class (ArchitectureTest);
 * an instance is not thread-safe, as MessageDigest is not.
 */
public final class Hash {
    private final MessageDigest md;

    private Hash(MessageDigest md) {
        this.md = md;
    }

    public static Hash sha256() {
        return of("SHA-256");
    }

    public static Hash sha384() {
        return of("SHA-384");
    }

    /** SHA-256 of the concatenated parts. */
    public static byte[] sha256(byte[]... parts) {
        Hash h = sha256();
        for (byte[] p : parts) {
            h.update(p);
        }
        return h.digest();
    }

    /** SHA-384 of the concatenated parts. */
    public static byte[] sha384(byte[]... parts) {
        Hash h = sha384();
        for (byte[] p : parts) {
            h.update(p);
        }
        return h.digest();
    }

    /** Hex SHA-256 of a file, read in 1 MiB pieces so memory stays bounded. */
    public static String sha256Hex(Path file) throws IOException {
        Hash h = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                h.update(buf, 0, n);
            }
        }
        return Hex.encode(h.digest());
    }

    private static Hash of(String algorithm) {
        try {
            return new Hash(MessageDigest.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    public Hash update(byte b) {
        md.update(b);
        return this;
    }

    public Hash update(byte[] bytes) {
        md.update(bytes);
        return this;
    }

    public Hash update(byte[] bytes, int off, int len) {
        md.update(bytes, off, len);
        return this;
    }

    /** Finishes the hash and resets this instance for the next one. */
    public byte[] digest() {
        return md.digest();
    }

    /** {@code update(last)} then {@link #digest()}. */
    public byte[] digest(byte[] last) {
        return md.digest(last);
    }

    /** Finishes into {@code out[off..]} (exactly the digest length) and resets: no allocation on hot paths. */
    public void digestInto(byte[] out, int off) {
        try {
            md.digest(out, off, md.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalArgumentException("no room for the digest at offset " + off, e);
        }
    }

    public void reset() {
        md.reset();
    }

    public int length() {
        return md.getDigestLength();
    }

    /** An independent copy of the current state (e.g. a precomputed HMAC pad). */
    public Hash copy() {
        try {
            return new Hash((MessageDigest) md.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(md.getAlgorithm() + " state cannot be copied", e);
        }
    }

    /** Hashes everything read through the returned stream. */
    public InputStream hashing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    md.update((byte) b);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) {
                    md.update(buf, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes must be hashed too, so read them
                byte[] buf = new byte[8192];
                long done = 0;
                while (done < n) {
                    int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                    if (r < 0) {
                        break;
                    }
                    done += r;
                }
                return done;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** Hashes everything written through the returned stream. */
    public OutputStream hashing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                md.update((byte) b);
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                md.update(buf, off, len);
            }
        };
    }

    /** Constant-time equality of two byte arrays (MAC tags, hashes, keys): leaks nothing about where they differ. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    @Override
    public String toString() {
        return "Hash[" + md.getAlgorithm() + "]";
    }
}
