package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tier-3 failures that need no token. */
class HsmErrorsTest {
    @TempDir
    Path home;

    @Test
    void rejects_missing_pkcs11_module_with_a_clear_message() {
        IdentityStore s = TestStores.builder(home).hsm(new HsmConfig(home.resolve("no-such-module.so"), 0)).build();
        MemosException e = assertThrows(MemosException.class, () -> s.create("vault", Tier.HSM,
                SecretSource.fixed(Map.of(SecretSource.Kind.HSM_PIN, "1234"))));
        assertEquals(ErrorKind.FAILURE, e.kind());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(e.getMessage().contains("identity.hsm.module"), e.getMessage());
        assertTrue(s.list().isEmpty());
    }

    @Test
    void rejects_a_module_that_is_not_a_pkcs11_library() throws Exception {
        Path fake = home.resolve("fake.so");
        java.nio.file.Files.writeString(fake, "not a library");
        IdentityStore s = TestStores.builder(home).hsm(new HsmConfig(fake, 0)).build();
        MemosException e = assertThrows(MemosException.class, () -> s.create("vault", Tier.HSM,
                SecretSource.fixed(Map.of(SecretSource.Kind.HSM_PIN, "1234"))));
        assertEquals(ErrorKind.FAILURE, e.kind());
        assertTrue(e.getMessage().contains("cannot open the PKCS#11 token"), e.getMessage());
    }
}
