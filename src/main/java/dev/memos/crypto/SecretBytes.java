package dev.memos.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Key material that cannot print itself. {@code toString} names only the length, so a secret that
 * slips into a log line, an exception message or a debugger view shows nothing useful. Access is
 * by copy; {@link #close()} overwrites the held bytes.
 */
public final class SecretBytes implements AutoCloseable {
    private final byte[] bytes;
    private volatile boolean wiped;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies the input; the caller remains responsible for wiping its own array. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** Takes ownership of the array without copying; the caller must not keep using it. */
    public static SecretBytes adopt(byte[] bytes) {
        return new SecretBytes(Objects.requireNonNull(bytes));
    }

    public int length() {
        return bytes.length;
    }

    /** A fresh copy the caller must wipe ({@code Arrays.fill(copy, (byte) 0)}) when done. */
    public byte[] reveal() {
        if (wiped) {
            throw new IllegalStateException("secret was wiped");
        }
        return bytes.clone();
    }

    /** Constant-time comparison with another secret. */
    public boolean equalsSecret(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    public boolean isWiped() {
        return wiped;
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes, redacted]";
    }
}
