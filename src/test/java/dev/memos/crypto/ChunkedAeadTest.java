package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChunkedAeadTest {
    private static final int C = 4096;
    private static final SecretBytes KEY = SecretBytes.copyOf(new byte[32]);
    private static final byte[] AAD = "header".getBytes();

    private static byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ChunkedAeadWriter w = new ChunkedAeadWriter(out, KEY, AAD, C)) {
            w.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] open(byte[] sealed, byte[] aad) throws IOException {
        try (ChunkedAeadReader r = new ChunkedAeadReader(new ByteArrayInputStream(sealed), KEY, aad, C)) {
            return r.readAllBytes();
        }
    }

    @Test
    void nonce_is_big_endian_counter_then_last_flag() {
        assertEquals("000000000000000000000000", Hex.encode(ChunkedAead.nonce(0, false)));
        assertEquals("000000000000000000000101", Hex.encode(ChunkedAead.nonce(1, true)));
        assertEquals("000000000000000001000200", Hex.encode(ChunkedAead.nonce(0x10002, false)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, C - 1, C, C + 1, 2 * C, 3 * C + 7})
    void round_trips_at_and_around_chunk_boundaries(int length) throws IOException {
        byte[] plain = new byte[length];
        new Random(length).nextBytes(plain);
        byte[] sealed = seal(plain);
        int chunks = (length + C - 1) / C;
        assertEquals(length + 16L * chunks, sealed.length, "a full last chunk stays full; no empty chunk is added");
        assertArrayEquals(plain, open(sealed, AAD));
    }

    @Test
    void rejects_empty_stream_on_both_sides() {
        assertThrows(IOException.class, () -> seal(new byte[0]));
        MemosException e = assertThrows(MemosException.class, () -> open(new byte[0], AAD));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void rejects_other_associated_data() throws IOException {
        byte[] sealed = seal(new byte[100]);
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> open(sealed, "other".getBytes())).kind());
    }

    @Test
    void rejects_truncation_at_the_chunk_boundary_of_an_exact_multiple() throws IOException {
        byte[] sealed = seal(new byte[2 * C]);
        assertEquals(ErrorKind.INTEGRITY,
                assertThrows(MemosException.class, () -> open(Arrays.copyOf(sealed, C + 16), AAD)).kind());
    }

    @Test
    void matches_a_single_rfc8439_aead_call_for_one_chunk() throws Exception {
        byte[] plain = "memos".getBytes();
        byte[] sealed = seal(plain);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[32], "ChaCha20"),
                new javax.crypto.spec.IvParameterSpec(ChunkedAead.nonce(0, true)));
        c.updateAAD(AAD);
        assertArrayEquals(c.doFinal(plain), sealed);
    }
}
