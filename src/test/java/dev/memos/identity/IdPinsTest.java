package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FORMAT.md §13.4: pins survive concurrent writers, a damaged file is an error, first use never overwrites a pin. */
class IdPinsTest {
    @TempDir
    Path tmp;

    private static KnownKey key(String id) {
        return new KnownKey(id, SignatureAlgorithm.ED25519, Ed25519.generate().publicKey(), KnownKey.Source.PIN, "test");
    }

    @Test
    void concurrent_pins_from_many_threads_are_all_kept() throws Exception {
        IdPins pins = IdPins.at(tmp.resolve("known-keys.json"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(MociId.generate("PIN" + i, new SecureRandom()).toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String id : ids) {
                done.add(pool.submit(() -> IdPins.at(tmp.resolve("known-keys.json")).put(key(id))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(ids.size(), pins.list().size());
    }

    @Test
    void trust_on_first_use_never_replaces_an_existing_pin() {
        String id = MociId.generate("NOVA", new SecureRandom()).toString();
        KnownKeys keys = KnownKeys.builder().pins(IdPins.at(tmp.resolve("known-keys.json"))).build();
        KnownKey first = key(id);
        keys.pin(first);
        KnownKey second = key(id);
        MemosException e = assertThrows(MemosException.class, () -> keys.pin(second));
        assertEquals(ErrorKind.KEY_MISMATCH, e.kind());
        assertTrue(keys.find(id).orElseThrow().matches(first.algorithm(), first.publicKey()));
    }

    @Test
    void a_damaged_pin_file_is_an_integrity_error_naming_the_file_not_an_empty_set() throws Exception {
        Path file = tmp.resolve("known-keys.json");
        Files.writeString(file, "{\"v\":1,\"pins\":{\"CW-NOVA.R7KMX2-AA\":{\"alg\":\"rsa\"");
        MemosException e = assertThrows(MemosException.class, () -> IdPins.at(file).list());
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && !e.getMessage().contains("\n"), e.getMessage());
    }
}
