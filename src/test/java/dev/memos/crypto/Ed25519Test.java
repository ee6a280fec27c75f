package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    // RFC 8032 §7.1 TEST 2 (one-byte message 0x72).
    private static final String SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    private static final String PUB = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private static final String SIG = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    @Test
    void cached_parameters_still_sign_the_rfc8032_vector() {
        try (Ed25519 k = Ed25519.fromSeed(SecretBytes.copyOf(Hex.decode(SEED)))) {
            assertArrayEquals(Hex.decode(PUB), k.publicKey());
            byte[] msg = {0x72};
            assertArrayEquals(Hex.decode(SIG), k.sign(msg));
            assertArrayEquals(Hex.decode(SIG), k.sign(msg), "second signature from the cached parameters is identical");
        }
    }

    @Test
    void signatures_verify_and_bind_the_message() {
        try (Ed25519 k = Ed25519.generate()) {
            byte[] m = "memos".getBytes(StandardCharsets.UTF_8);
            byte[] sig = k.sign(m);
            assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, k.publicKey(), m, sig));
            assertFalse(Signatures.verify(SignatureAlgorithm.ED25519, k.publicKey(), "memoS".getBytes(StandardCharsets.UTF_8), sig));
        }
    }

    @Test
    void rejects_signing_after_close() {
        Ed25519 k = Ed25519.generate();
        k.close();
        assertTrue(k.seed().isWiped());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.sign(new byte[1]));
        assertEquals("secret was wiped", e.getMessage());
    }
}
