package dev.memos.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A passphrase held as {@code char[]} so it can be wiped; Strings are immutable and linger in the
 * heap. Owns its array: {@link #close()} zeroes it.
 */
public final class Passphrase implements AutoCloseable {
    private final char[] chars;
    private volatile boolean wiped;

    private Passphrase(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of the array (as returned by Console.readPassword). */
    public static Passphrase adopt(char[] chars) {
        return new Passphrase(chars);
    }

    public boolean isEmpty() {
        return chars.length == 0;
    }

    public int length() {
        return chars.length;
    }

    /** UTF-8 (NFC is the caller's business) bytes of the passphrase; the caller wipes the result. */
    public byte[] utf8() {
        if (wiped) {
            throw new IllegalStateException("passphrase was wiped");
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    /** A copy of the characters; the caller wipes it. */
    public char[] chars() {
        if (wiped) {
            throw new IllegalStateException("passphrase was wiped");
        }
        return chars.clone();
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    @Override
    public String toString() {
        return "Passphrase[redacted]";
    }
}
