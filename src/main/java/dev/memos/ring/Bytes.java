package dev.memos.ring;

import dev.memos.crypto.Hash;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Fixed-width integers and HMAC-SHA256 over concatenated parts for the ring formats (SHA-256 is crypto.Hash). */
final class Bytes {
    private Bytes() {
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(SecretBytes key, byte[]... parts) {
        return HmacSha256.mac(key, parts);
    }

    /** Constant-time equality, so a MAC check leaks nothing about where the bytes differ. */
    static boolean same(byte[] a, byte[] b) {
        return Hash.equal(a, b);
    }
}
