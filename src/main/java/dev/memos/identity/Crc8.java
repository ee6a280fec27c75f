package dev.memos.identity;

import java.nio.charset.StandardCharsets;

/**
 * CRC-8 with the primitive polynomial x^8+x^4+x^3+x^2+1 (0x1D), init 0x00, no reflection, xorout
 * 0x00 (the catalogue's CRC-8/GSM-A, check value 0x37 over "123456789").
 *
 * <p>Why this polynomial: a CRC is linear, so a single-character substitution is the error pattern
 * {@code d·x^k} with {@code d = old XOR new} (1..255, degree below 8). A degree-8 generator with a
 * non-zero constant term never divides that, so every substitution is caught. An adjacent
 * transposition of distinct characters is {@code d·x^k·(x^8+1) = d·x^k·(x+1)^8}; 0x1D is
 * irreducible and is not x+1, so it divides neither factor: every adjacent transposition (and any
 * transposition of two characters fewer than 255 apart) is caught as well. Crc8Test proves both
 * exhaustively over every position and difference.
 */
public final class Crc8 {
    public static final int POLYNOMIAL = 0x1D;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x80) != 0 ? ((c << 1) ^ POLYNOMIAL) & 0xFF : (c << 1) & 0xFF;
            }
            TABLE[i] = c;
        }
    }

    private Crc8() {
    }

    public static int of(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc = TABLE[(crc ^ b) & 0xFF];
        }
        return crc;
    }

    public static int of(String ascii) {
        return of(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
