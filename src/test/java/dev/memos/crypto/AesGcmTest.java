package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AesGcmTest {
    static final SecretBytes KEY = SecretBytes.copyOf(Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    static final byte[] NONCE = Hex.decode("000000000000000000000001");
    static final byte[] AAD = "memos-test-aad".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PLAIN = "a memory worth keeping".getBytes(StandardCharsets.UTF_8);

    @Test
    void matches_the_nist_gcm_vector_with_a_zero_key() {
        // NIST GCM spec test case 13: AES-256, zero key, zero nonce, empty plaintext -> the tag alone
        SecretBytes zero = SecretBytes.copyOf(new byte[32]);
        assertEquals("530f8afbc74536b9a963b4f1c4cb738b", Hex.encode(AesGcm.seal(zero, new byte[12], new byte[0], new byte[0])));
    }

    @Test
    void seals_and_opens_with_tag_appended() {
        byte[] sealed = AesGcm.seal(KEY, NONCE, AAD, PLAIN);
        assertEquals(PLAIN.length + AesGcm.TAG, sealed.length);
        assertArrayEquals(PLAIN, AesGcm.open(KEY, NONCE, AAD, sealed).orElseThrow());
    }

    @Test
    void rejects_tampered_ciphertext_tag_and_aad() {
        byte[] sealed = AesGcm.seal(KEY, NONCE, AAD, PLAIN);
        for (int i : new int[] {0, PLAIN.length - 1, sealed.length - 1}) {
            byte[] t = sealed.clone();
            t[i] ^= 1;
            assertTrue(AesGcm.open(KEY, NONCE, AAD, t).isEmpty(), "flipped byte " + i);
        }
        assertTrue(AesGcm.open(KEY, NONCE, "other-aad".getBytes(StandardCharsets.US_ASCII), sealed).isEmpty());
    }

    @Test
    void rejects_wrong_key_wrong_nonce_and_truncation() {
        byte[] sealed = AesGcm.seal(KEY, NONCE, AAD, PLAIN);
        byte[] other = KEY.reveal();
        other[0] ^= 1;
        assertTrue(AesGcm.open(SecretBytes.adopt(other), NONCE, AAD, sealed).isEmpty());
        assertTrue(AesGcm.open(KEY, Hex.decode("000000000000000000000002"), AAD, sealed).isEmpty());
        assertTrue(AesGcm.open(KEY, new byte[16], AAD, sealed).isEmpty());
        assertTrue(AesGcm.open(KEY, NONCE, AAD, Arrays.copyOf(sealed, sealed.length - 1)).isEmpty());
        assertTrue(AesGcm.open(KEY, NONCE, AAD, new byte[AesGcm.TAG - 1]).isEmpty());
    }

    @Test
    void refuses_to_seal_with_a_nonce_that_is_not_12_bytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AesGcm.seal(KEY, new byte[8], AAD, PLAIN));
        assertTrue(e.getMessage().contains("12 bytes"), e.getMessage());
    }
}
