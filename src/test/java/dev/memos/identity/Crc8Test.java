package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc8Test {
    private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    @Test
    void matches_catalogue_check_value_of_crc8_gsm_a() {
        assertEquals(0x37, Crc8.of("123456789"));
    }

    /**
     * The proof behind "every single-character substitution is detected": the CRC is linear, so
     * crc(m') = crc(m) XOR crc(e) for e = m XOR m' (same length). A substitution at position i is
     * e = d·x^(8·(L-1-i)) with d in 1..255; it goes undetected iff crc(e) = 0. This checks every
     * message length an id can have (9..19 bytes), every position and every d.
     */
    @Test
    void detects_every_single_byte_substitution_at_every_position_and_length() {
        for (int len = MociId.NAME_MIN + 1 + MociId.SUFFIX_LENGTH; len <= MociId.NAME_MAX + 1 + MociId.SUFFIX_LENGTH; len++) {
            for (int pos = 0; pos < len; pos++) {
                for (int d = 1; d < 256; d++) {
                    byte[] e = new byte[len];
                    e[pos] = (byte) d;
                    assertNotEquals(0, Crc8.of(e), "undetected substitution len " + len + " pos " + pos + " d " + d);
                }
            }
        }
    }

    /** Adjacent transposition of distinct bytes a,b: e = (a^b)·x^k·(x^8+1); checked for every k and d. */
    @Test
    void detects_every_adjacent_transposition_of_distinct_characters() {
        for (int len = 9; len <= 19; len++) {
            for (int pos = 0; pos + 1 < len; pos++) {
                for (int d = 1; d < 256; d++) {
                    byte[] e = new byte[len];
                    e[pos] = (byte) d;
                    e[pos + 1] = (byte) d;
                    assertNotEquals(0, Crc8.of(e), "undetected transposition len " + len + " pos " + pos);
                }
            }
        }
    }

    /** The same claim end to end on real ids: every substitution with any printable character is rejected. */
    @Test
    void every_single_character_typo_in_generated_ids_is_rejected() {
        SecureRandom r = new SecureRandom();
        Random names = new Random(7);
        for (int n = 0; n < 200; n++) {
            StringBuilder name = new StringBuilder();
            int len = MociId.NAME_MIN + names.nextInt(MociId.NAME_MAX - MociId.NAME_MIN + 1);
            for (int i = 0; i < len; i++) {
                name.append(NAME_CHARS.charAt(names.nextInt(NAME_CHARS.length())));
            }
            String id = MociId.generate(name.toString(), r).toString();
            for (int pos = 0; pos < id.length(); pos++) {
                for (char c = 0x21; c < 0x7F; c++) {
                    if (c == id.charAt(pos)) {
                        continue;
                    }
                    String typo = id.substring(0, pos) + c + id.substring(pos + 1);
                    assertFalse(IdValidation.check(typo).valid(), typo);
                }
            }
        }
    }

    @Test
    void every_adjacent_transposition_in_generated_ids_is_rejected() {
        SecureRandom r = new SecureRandom();
        int tried = 0;
        for (int n = 0; n < 2000; n++) {
            String id = MociId.generate("AGENT" + (n % 97), r).toString();
            for (int pos = 0; pos + 1 < id.length(); pos++) {
                if (id.charAt(pos) == id.charAt(pos + 1)) {
                    continue;
                }
                String t = id.substring(0, pos) + id.charAt(pos + 1) + id.charAt(pos) + id.substring(pos + 2);
                tried++;
                assertFalse(IdValidation.check(t).valid(), t);
            }
        }
        assertNotEquals(0, tried);
    }

    @Test
    void table_matches_bitwise_definition() {
        byte[] data = "NOVA.R7KMX2".getBytes(StandardCharsets.US_ASCII);
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x1D) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        assertEquals(crc, Crc8.of(data));
    }
}
