package dev.memos.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void set_persists_and_defaults_apply() {
        MemosHome home = MemosHome.at(dir).ensure();
        Config c = Config.load(home);
        assertEquals("local", c.get(ConfigKey.PROFILE));
        c.set(ConfigKey.IDLE_TIMEOUT, "5");
        assertEquals(5, Config.load(home).getInt(ConfigKey.IDLE_TIMEOUT));
    }

    @Test
    void invalid_value_changes_nothing() throws Exception {
        MemosHome home = MemosHome.at(dir).ensure();
        Config c = Config.load(home);
        c.set(ConfigKey.PROFILE, "mainnet");
        byte[] before = Files.readAllBytes(home.configFile());
        MemosException e = assertThrows(MemosException.class, () -> c.set(ConfigKey.PROFILE, "moon"));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertArrayEquals(before, Files.readAllBytes(home.configFile()));
        assertEquals("mainnet", c.get(ConfigKey.PROFILE));
    }

    @Test
    void local_profile_points_at_loopback() {
        Config c = Config.load(MemosHome.at(dir).ensure());
        Profile p = c.profile(null);
        assertEquals("127.0.0.1", p.node().getHost());
        assertEquals("mainnet", c.profile("mainnet").name());
        assertThrows(MemosException.class, () -> c.profile("moon"));
    }

    @Test
    void network_timeout_takes_whole_seconds_from_1_to_3600() {
        Config c = Config.load(MemosHome.at(dir).ensure());
        assertEquals(30, c.getInt(ConfigKey.NETWORK_TIMEOUT));
        c.set(ConfigKey.NETWORK_TIMEOUT, "600");
        assertEquals(600, c.getInt(ConfigKey.NETWORK_TIMEOUT));
        for (String bad : new String[] {"0", "3601", "-5", "1.5", "ten", ""}) {
            MemosException e = assertThrows(MemosException.class, () -> c.set(ConfigKey.NETWORK_TIMEOUT, bad), bad);
            assertEquals(ErrorKind.USAGE, e.kind());
        }
        assertEquals(600, c.getInt(ConfigKey.NETWORK_TIMEOUT));
    }

    @Test
    void env_allow_list_takes_variable_names_but_never_a_secret_name() {
        MemosHome home = MemosHome.at(dir).ensure();
        Config c = Config.load(home);
        c.set(ConfigKey.PROCESS_ENV_ALLOW, "OLLAMA_HOST, https_proxy");
        assertEquals(java.util.List.of("OLLAMA_HOST", "https_proxy"), ConfigKey.envAllowList(Config.load(home).get(ConfigKey.PROCESS_ENV_ALLOW)));
        for (String refused : new String[] {"OLLAMA_HOST,ETH_PRIVATE_KEY", "MEMOS_PASSPHRASE", "MEMOS_EXPORT_PASSPHRASE", "MEMOS_HSM_PIN", "A=B", "1ABC"}) {
            MemosException e = assertThrows(MemosException.class, () -> c.set(ConfigKey.PROCESS_ENV_ALLOW, refused), refused);
            assertEquals(ErrorKind.USAGE, e.kind());
        }
        assertEquals("OLLAMA_HOST, https_proxy", Config.load(home).get(ConfigKey.PROCESS_ENV_ALLOW));
    }
}
