package dev.memos.arweave;

import dev.memos.encoding.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers used across the Arweave code (ids, addresses, chunk hashes, file checks). */
public final class Hashes {
    private Hashes() {
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest d = newSha256();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** Hex SHA-256 of a file, read in 1 MiB pieces so memory stays bounded. */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest d = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return Hex.encode(d.digest());
    }
}
