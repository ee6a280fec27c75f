package dev.memos.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Signer;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeyStoreTest {
    private static final String ID = "CW-NOVA.R7KMX2-E2";

    private static DeviceSealedKeyStore store(Path home) {
        return new DeviceSealedKeyStore(home.resolve("identities"), DeviceKey.loadOrCreate(home));
    }

    @Test
    void round_trips_a_skill_key_sealed_at_rest(@TempDir Path home) throws Exception {
        Signer k = store(home).generate(ID, "skill:weather", false);
        Signer back = store(home).load(ID, "skill:weather").orElseThrow();
        assertArrayEquals(k.publicKey(), back.publicKey());
        Path file = store(home).skillKeyFile(ID, "skill:weather");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"sealed\""));
        assertFalse(store(home).load(ID, "skill:calendar").isPresent());
    }

    @Test
    void rejects_key_file_copied_from_another_home(@TempDir Path a, @TempDir Path b) throws Exception {
        store(a).generate(ID, "skill:weather", false);
        Path target = store(b).skillKeyFile(ID, "skill:weather");
        Files.createDirectories(target.getParent());
        Files.copy(store(a).skillKeyFile(ID, "skill:weather"), target);
        MemosException e = assertThrows(MemosException.class, () -> store(b).load(ID, "skill:weather"));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
    }

    @Test
    void rejects_key_file_renamed_to_another_skill(@TempDir Path home) throws Exception {
        store(home).generate(ID, "skill:weather", false);
        Files.copy(store(home).skillKeyFile(ID, "skill:weather"), store(home).skillKeyFile(ID, "skill:calendar"));
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class,
                () -> store(home).load(ID, "skill:calendar")).kind());
    }

    @Test
    void rejects_tampered_key_file(@TempDir Path home) throws Exception {
        store(home).generate(ID, "skill:weather", false);
        Path file = store(home).skillKeyFile(ID, "skill:weather");
        String text = Files.readString(file);
        int i = text.indexOf("\"sealed\":\"") + 12;
        char c = text.charAt(i);
        Files.writeString(file, text.substring(0, i) + (c == 'A' ? 'B' : 'A') + text.substring(i + 1));
        assertTrue(store(home).load(ID, "skill:weather").isPresent(), "the verified copy repairs the file");
        assertEquals(text, Files.readString(file));
        Files.writeString(file, text.substring(0, i) + (c == 'A' ? 'B' : 'A') + text.substring(i + 1));
        Files.delete(dev.memos.store.MirroredFile.copyOf(file));
        assertEquals(ErrorKind.INTEGRITY, assertThrows(MemosException.class, () -> store(home).load(ID, "skill:weather")).kind());
    }

    @Test
    void refuses_to_overwrite_without_rotate(@TempDir Path home) {
        store(home).generate(ID, "skill:weather", false);
        assertEquals(ErrorKind.USAGE, assertThrows(MemosException.class,
                () -> store(home).generate(ID, "skill:weather", false)).kind());
        Signer rotated = store(home).generate(ID, "skill:weather", true);
        assertArrayEquals(rotated.publicKey(), store(home).load(ID, "skill:weather").orElseThrow().publicKey());
    }

    @Test
    void rejects_path_escaping_names(@TempDir Path home) {
        assertThrows(IllegalArgumentException.class, () -> store(home).skillKeyFile(ID, "skill:../../x"));
        assertThrows(MemosException.class, () -> store(home).skillKeyFile("../evil", "skill:weather"));
    }
}
