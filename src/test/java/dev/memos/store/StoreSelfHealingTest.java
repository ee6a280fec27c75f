package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.backup.RollbackIndex;
import dev.memos.config.Config;
import dev.memos.config.ConfigKey;
import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.identity.IdPins;
import dev.memos.identity.KnownKey;
import dev.memos.token.DeviceSealedKeyStore;
import dev.memos.token.Pin;
import dev.memos.token.PinStore;
import dev.memos.encoding.Hex;
import dev.memos.testing.ByteFlips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home-level stores repair themselves from their verified copies (issue 16 §4, FORMAT.md §17):
 * every byte of each small file (sampled in the copy), and an edit that looks valid is undone.
 */
class StoreSelfHealingTest {
    private static final String ADDRESS = "0x8ba1f109551bD432803012645Ac136ddd64DBA72";
    private static final String ID = dev.memos.identity.MociId.of("NOVA", "R7KMX2").toString();

    @TempDir
    Path dir;

    @AfterEach
    void drain() {
        Recoveries.drain(dir);
    }

    @Test
    void config_properties_heals_from_every_flipped_byte() throws Exception {
        MemosHome home = MemosHome.at(dir);
        Config.load(home).set(ConfigKey.RINGS_RING1_ENTRIES, "20");
        ByteFlips.eachFlipHeals(home.configFile(), () -> Config.load(home).get(ConfigKey.RINGS_RING1_ENTRIES), "20",
                Integer.MAX_VALUE, 16);
    }

    @Test
    void a_hand_edit_with_a_valid_other_value_is_undone_and_reported() throws Exception {
        MemosHome home = MemosHome.at(dir);
        Config.load(home).set(ConfigKey.RINGS_RING1_ENTRIES, "20");
        String text = Files.readString(home.configFile());
        Files.writeString(home.configFile(), text.replace("=20", "=29"));
        assertEquals("20", Config.load(home).get(ConfigKey.RINGS_RING1_ENTRIES));
        assertTrue(Recoveries.drain(dir).stream().anyMatch(r -> r.fromCopy() && r.file().endsWith("config.properties")));
    }

    @Test
    void a_copy_forged_without_the_device_key_loses_to_the_primary() throws Exception {
        MemosHome home = MemosHome.at(dir);
        Config.load(home).set(ConfigKey.RINGS_RING1_ENTRIES, "20");
        Path copy = MirroredFile.copyOf(home.configFile());
        String forged = new String(Files.readAllBytes(copy), StandardCharsets.ISO_8859_1).replace("=20", "=29");
        Files.write(copy, forged.getBytes(StandardCharsets.ISO_8859_1)); // layout intact, seal not recomputable
        assertEquals("20", Config.load(home).get(ConfigKey.RINGS_RING1_ENTRIES));
        assertTrue(Recoveries.drain(dir).stream().anyMatch(r -> !r.fromCopy()), "the forged copy is rewritten");
    }

    @Test
    void rollback_index_heals_from_every_flipped_byte() throws Exception {
        MemosHome home = MemosHome.at(dir);
        RollbackIndex index = RollbackIndex.forHome(home);
        try (HomeLock ignored = index.lock()) {
            index.recordLocked(ADDRESS, 7, "ab".repeat(32));
        }
        ByteFlips.eachFlipHeals(index.file(), () -> RollbackIndex.forHome(home).latest(ADDRESS).orElseThrow().sequence(), 7L,
                Integer.MAX_VALUE, 16);
    }

    @Test
    void token_pins_heal_from_every_flipped_byte() throws Exception {
        Path file = dir.resolve("tokens").resolve("pins.json");
        byte[] key = Hex.decode("11".repeat(32));
        PinStore.file(file).put("skill:weather", ID, new Pin(key, null));
        ByteFlips.eachFlipHeals(file, () -> Hex.encode(PinStore.file(file).get("skill:weather", ID).orElseThrow().tokenKey()),
                Hex.encode(key), Integer.MAX_VALUE, 16);
    }

    @Test
    void identity_pins_heal_from_every_flipped_byte() throws Exception {
        MemosHome home = MemosHome.at(dir);
        byte[] key = Hex.decode("22".repeat(32));
        IdPins.of(home).put(new KnownKey(ID, SignatureAlgorithm.ED25519, key, KnownKey.Source.PIN, "test"));
        ByteFlips.eachFlipHeals(dir.resolve("known-keys.json"),
                () -> Hex.encode(IdPins.of(home).get(ID).orElseThrow().publicKey()), Hex.encode(key), Integer.MAX_VALUE, 16);
    }

    @Test
    void a_skill_key_heals_from_flipped_bytes() throws Exception {
        DeviceKey device = DeviceKey.loadOrCreate(dir);
        DeviceSealedKeyStore keys = new DeviceSealedKeyStore(dir.resolve("identities"), device);
        byte[] pub = keys.generate(ID, "skill:weather", false).publicKey();
        Path file = keys.skillKeyFile(ID, "skill:weather");
        // opening a key decrypts it: a spread sample of both files keeps this within the time budget
        ByteFlips.eachFlipHeals(file, () -> Hex.encode(keys.load(ID, "skill:weather").orElseThrow().publicKey()),
                Hex.encode(pub), 64, 24);
        assertArrayEquals(pub, keys.load(ID, "skill:weather").orElseThrow().publicKey());
    }
}
