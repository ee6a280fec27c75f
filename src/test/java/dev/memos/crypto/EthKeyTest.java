package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers from the web3.js documentation and EIP-55. */
class EthKeyTest {
    static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Test
    void derives_the_documented_address() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY)) {
            assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.address().checksummed());
        }
    }

    @Test
    void accepts_key_without_0x_prefix() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY.substring(2))) {
            assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.address().toString());
        }
    }

    @Test
    void personal_sign_matches_web3js_vector() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY)) {
            byte[] sig = EthSigner.of(key).signPersonalMessage("Some data".getBytes(StandardCharsets.UTF_8));
            assertEquals("1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655",
                    Hex.encode(EthVerifier.personalMessageDigest("Some data".getBytes(StandardCharsets.UTF_8))));
            assertEquals("b91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c",
                    Hex.encode(sig));
            assertTrue(EthVerifier.verifyPersonalMessage(key.address(), "Some data".getBytes(StandardCharsets.UTF_8), sig));
        }
    }

    @Test
    void rejects_signature_over_other_message() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY)) {
            byte[] sig = EthSigner.of(key).signPersonalMessage("a".getBytes(StandardCharsets.UTF_8));
            assertFalse(EthVerifier.verifyPersonalMessage(key.address(), "b".getBytes(StandardCharsets.UTF_8), sig));
        }
    }

    @Test
    void rejects_high_s_signature() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY)) {
            byte[] msg = "x".getBytes(StandardCharsets.UTF_8);
            byte[] sig = EthSigner.of(key).signPersonalMessage(msg);
            java.math.BigInteger n = EthPrivateKey.CURVE.getN();
            java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
            byte[] highS = n.subtract(s).toByteArray();
            byte[] forged = sig.clone();
            java.util.Arrays.fill(forged, 32, 64, (byte) 0);
            System.arraycopy(highS, Math.max(0, highS.length - 32), forged, 64 - Math.min(32, highS.length), Math.min(32, highS.length));
            forged[64] = (byte) (sig[64] == 27 ? 28 : 27);
            assertFalse(EthVerifier.verifyPersonalMessage(key.address(), msg, forged));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55_checksums_round_trip(String address) {
        assertEquals(address, EthAddress.parse(address).checksummed());
        assertEquals(address, EthAddress.parse(address.toLowerCase().replace("0X", "0x")).checksummed());
    }

    @Test
    void rejects_address_with_broken_checksum() {
        assertThrows(IllegalArgumentException.class, () -> EthAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x", "zz", "0x1234", "0x0000000000000000000000000000000000000000000000000000000000000000",
            "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"})
    void rejects_invalid_private_keys_without_echoing_them(String bad) {
        MemosException e = assertThrows(MemosException.class, () -> EthPrivateKey.parse(bad));
        assertEquals(ErrorKind.USAGE, e.kind());
        if (bad.length() > 6) {
            assertFalse(e.getMessage().contains(bad.substring(2, 8)), "error message must not echo the key");
        }
    }

    @Test
    void key_toString_shows_only_the_address() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY)) {
            assertFalse(key.toString().contains("4c0883a6"));
            assertFalse(key.secret().toString().contains("4c0883a6"));
            assertFalse(EthSigner.of(key).toString().contains("4c0883a6"));
        }
    }
}
