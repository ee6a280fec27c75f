package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.encoding.Hex;
import org.junit.jupiter.api.Test;

/** RFC 5869 appendix A test cases 1 and 3 (SHA-256). */
class HkdfTest {
    @Test
    void rfc5869_case1() {
        byte[] okm = Hkdf.derive(Hex.decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                Hex.decode("000102030405060708090a0b0c"), Hex.decode("f0f1f2f3f4f5f6f7f8f9"), 42).reveal();
        assertArrayEquals(Hex.decode("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"), okm);
    }

    @Test
    void rfc5869_case3_emptySaltAndInfo() {
        byte[] okm = Hkdf.derive(Hex.decode("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), new byte[0], new byte[0], 42).reveal();
        assertArrayEquals(Hex.decode("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"), okm);
    }

    @Test
    void rejects_output_longer_than_255_blocks() {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(new byte[32], new byte[0], new byte[0], 255 * 32 + 1));
    }
}
