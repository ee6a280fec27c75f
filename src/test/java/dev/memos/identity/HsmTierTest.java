package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 against a real SoftHSM2 token. Run with a throwaway token:
 * {@code eval "$(scripts/softhsm init)"; mvn test -Dgroups=softhsm}. Skipped when no token is configured
 * (SoftHSM reads SOFTHSM2_CONF when the module loads, so the test cannot set it itself).
 */
@Tag("softhsm")
class HsmTierTest {
    @TempDir
    Path home;

    private SecretSource pin;

    @BeforeEach
    void needsToken() {
        assumeTrue(System.getenv("SOFTHSM2_CONF") != null && System.getenv("MEMOS_HSM_PIN") != null,
                "no SoftHSM2 token: eval \"$(scripts/softhsm init)\" first");
        assumeTrue(Files.isRegularFile(HsmConfig.SOFTHSM), "softhsm2 not installed");
        pin = SecretSource.fixed(Map.of(SecretSource.Kind.HSM_PIN, System.getenv("MEMOS_HSM_PIN")));
    }

    @Test
    void creates_key_in_token_and_signs_through_it() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("vault", Tier.HSM, pin);
        assertEquals(SignatureAlgorithm.ECDSA_P256, i.algorithm());
        assertEquals(65, i.publicKey().length);
        byte[] msg = "token signed".getBytes(StandardCharsets.UTF_8);
        try (UnlockedIdentity u = s.unlock(i.id(), pin)) {
            byte[] sig = u.signer().sign(msg);
            assertEquals(64, sig.length);
            assertTrue(Signatures.verify(SignatureAlgorithm.ECDSA_P256, i.publicKey(), msg, sig));
        }
        String json = Files.readString(i.directory().resolve("identity.json"));
        assertTrue(json.contains("\"kind\":\"pkcs11\""));
        assertFalse(json.contains("ciphertext"), "no key material may leave the token");
    }

    @Test
    void rejects_wrong_pin_with_auth_error() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("vault", Tier.HSM, pin);
        MemosException e = assertThrows(MemosException.class, () -> s.unlock(i.id(),
                SecretSource.fixed(Map.of(SecretSource.Kind.HSM_PIN, "000000wrong"))));
        assertEquals(ErrorKind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("PIN"));
    }

    @Test
    void refuses_export_of_tier3() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("vault", Tier.HSM, pin);
        MemosException e = assertThrows(MemosException.class, () -> s.exportTo(i.id(), home, TestStores.SECRETS));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("never leaves the token"));
    }

    @Test
    void revoke_signs_with_token_and_delete_destroys_the_token_key() {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("vault", Tier.HSM, pin);
        s.revoke(i.id(), pin);
        Tombstone t = s.tombstones().get(0);
        assertTrue(RevocationRecord.verify(i.id(), dev.memos.encoding.Base64Url.decode(t.revocation()),
                dev.memos.encoding.Base64Url.decode(t.signature())));
        s.delete(i.id(), pin);
        try (Pkcs11Token token = Pkcs11Token.open(HsmConfig.DEFAULT, dev.memos.crypto.Passphrase.adopt(
                System.getenv("MEMOS_HSM_PIN").toCharArray()))) {
            assertFalse(token.contains(FileIdentityStore.alias(i.id())));
        }
    }
}
