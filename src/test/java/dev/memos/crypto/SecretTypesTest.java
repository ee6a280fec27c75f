package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTypesTest {
    @Test
    void secret_bytes_never_print_their_content() {
        SecretBytes s = SecretBytes.copyOf("hunter2-secret".getBytes(StandardCharsets.UTF_8));
        assertFalse(s.toString().contains("hunter2"));
        assertEquals(14, s.length());
    }

    @Test
    void wiped_secret_refuses_to_reveal() {
        SecretBytes s = SecretBytes.copyOf(new byte[] {1, 2, 3});
        s.close();
        assertTrue(s.isWiped());
        assertThrows(IllegalStateException.class, s::reveal);
    }

    @Test
    void passphrase_is_wiped_on_close() {
        char[] typed = "correct horse".toCharArray();
        Passphrase p = Passphrase.adopt(typed);
        assertFalse(p.toString().contains("horse"));
        p.close();
        for (char c : typed) {
            assertEquals('\0', c);
        }
        assertThrows(IllegalStateException.class, p::utf8);
    }

    @Test
    void ed25519_signature_verifies_and_tamper_fails() {
        try (Ed25519 key = Ed25519.generate()) {
            byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
            byte[] sig = key.sign(msg);
            assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, key.publicKey(), msg, sig));
            sig[5] ^= 1;
            assertFalse(Signatures.verify(SignatureAlgorithm.ED25519, key.publicKey(), msg, sig));
            assertFalse(key.toString().contains(dev.memos.encoding.Hex.encode(key.seed().reveal())));
        }
    }

    @Test
    void rejects_malformed_public_keys_and_signatures() {
        assertFalse(Signatures.verify(SignatureAlgorithm.ED25519, new byte[31], new byte[0], new byte[64]));
        assertFalse(Signatures.verify(SignatureAlgorithm.ECDSA_P256, new byte[65], new byte[0], new byte[64]));
    }
}
