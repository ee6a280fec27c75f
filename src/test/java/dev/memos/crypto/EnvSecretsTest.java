package dev.memos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSecretsTest {
    static final String KEY_HEX = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Test
    void reads_each_secret_variable_and_nothing_else() {
        EnvSecrets env = EnvSecrets.of(Map.of(EnvSecrets.ETH_PRIVATE_KEY, KEY_HEX, EnvSecrets.PASSPHRASE, "pw", "PATH", "/bin"));
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", env.ethKey().orElseThrow().address().checksummed());
        try (Passphrase p = env.passphrase(EnvSecrets.PASSPHRASE).orElseThrow()) {
            assertArrayEquals("pw".toCharArray(), p.chars());
        }
        assertTrue(env.isSet(EnvSecrets.PASSPHRASE));
        assertFalse(env.isSet(EnvSecrets.HSM_PIN));
        assertTrue(env.passphrase(EnvSecrets.EXPORT_PASSPHRASE).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> env.passphrase("PATH"));
        assertEquals(java.util.Set.of("ETH_PRIVATE_KEY", "MEMOS_PASSPHRASE", "MEMOS_EXPORT_PASSPHRASE", "MEMOS_HSM_PIN",
                "MEMOS_NEW_ETH_PRIVATE_KEY", "MEMOS_NEW_PASSPHRASE"), EnvSecrets.NAMES);
    }

    @Test
    void the_new_key_of_a_rotation_is_read_from_its_own_variable_only_and_is_a_secret_name() {
        assertTrue(EnvSecrets.of(Map.of(EnvSecrets.ETH_PRIVATE_KEY, KEY_HEX)).newEthKey().isEmpty());
        EnvSecrets env = EnvSecrets.of(Map.of(EnvSecrets.NEW_ETH_PRIVATE_KEY, KEY_HEX));
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", env.newEthKey().orElseThrow().address().checksummed());
        assertTrue(env.ethKey().isEmpty());
        // a secret name: denied to every child process and refused by process.env-allow
        assertTrue(EnvSecrets.NAMES.contains("MEMOS_NEW_ETH_PRIVATE_KEY"));
    }

    @Test
    void blank_or_empty_variables_count_as_unset() {
        EnvSecrets env = EnvSecrets.of(Map.of(EnvSecrets.ETH_PRIVATE_KEY, "  ", EnvSecrets.HSM_PIN, ""));
        assertTrue(env.ethKey().isEmpty());
        assertTrue(env.passphrase(EnvSecrets.HSM_PIN).isEmpty());
    }

    @Test
    void each_passphrase_is_a_fresh_array_so_wiping_one_leaves_the_next_intact() {
        EnvSecrets env = EnvSecrets.of(Map.of(EnvSecrets.PASSPHRASE, "correct horse"));
        Passphrase first = env.passphrase(EnvSecrets.PASSPHRASE).orElseThrow();
        char[] a = first.chars();
        first.close();
        try (Passphrase second = env.passphrase(EnvSecrets.PASSPHRASE).orElseThrow()) {
            char[] b = second.chars();
            assertNotSame(a, b);
            assertArrayEquals("correct horse".toCharArray(), b);
            Arrays.fill(b, '\0');
        }
    }

    @Test
    void a_bad_key_error_and_to_string_never_show_the_value() {
        String bad = "0xzz0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623";
        EnvSecrets env = EnvSecrets.of(Map.of(EnvSecrets.ETH_PRIVATE_KEY, bad, EnvSecrets.PASSPHRASE, "hunter2"));
        Exception e = assertThrows(RuntimeException.class, env::ethKey);
        assertFalse(e.getMessage().contains("0883a691"), e.getMessage());
        assertFalse(env.toString().contains("hunter2"));
    }

    @Test
    void eth_key_secret_is_a_copy_closing_or_changing_it_leaves_the_key_intact() {
        try (EthPrivateKey key = EthPrivateKey.parse(KEY_HEX)) {
            byte[] expected;
            try (SecretBytes copy = key.secret()) {
                expected = copy.reveal();
            }
            assertFalse(key.isWiped(), "closing the copy wiped the key");
            try (SecretBytes again = key.secret()) {
                assertArrayEquals(expected, again.reveal());
            }
            assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.address().checksummed());
            key.close();
            assertTrue(key.isWiped());
            assertThrows(IllegalStateException.class, key::secret);
        }
    }
}
