package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.config.MemosHome;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTargetTest {
    @TempDir
    Path tmp;

    @Test
    void parses_public_keys_in_every_documented_form() {
        byte[] key = new byte[32];
        key[0] = 7;
        for (String form : List.of("ed25519:" + Base64Url.encode(key), Base64Url.encode(key), Hex.encode(key), "0x" + Hex.encode(key))) {
            AuditTarget.TrustedKey k = AuditTarget.parseKey(form);
            assertEquals(SignatureAlgorithm.ED25519, k.algorithm(), form);
            assertArrayEquals(key, k.publicKey(), form);
        }
        assertEquals("ed25519:" + Base64Url.encode(key), AuditTarget.parseKey(Hex.encode(key)).display());
    }

    @Test
    void rejects_malformed_public_keys() {
        for (String bad : List.of("", "rsa:AAAA", "ed25519:" + Base64Url.encode(new byte[31]), "!!!", "ecdsa-p256-sha256:" + Base64Url.encode(new byte[32]))) {
            assertThrows(MemosException.class, () -> AuditTarget.parseKey(bad), bad);
        }
    }

    @Test
    void identity_log_key_falls_back_to_first_checkpoint_and_says_so() {
        MemosHome home = TestLogs.home(tmp);
        try (Ed25519 id = Ed25519.generate()) {
            try (AuditLog log = AuditLogs.forIdentity(home, "agent-9", id)) {
                log.append(AuditEvents.KEY_ROTATION, "agent-9", Map.of());
            }
            AuditTarget t = AuditTarget.of(home, Optional.of("agent-9"));
            AuditTarget.TrustedKey k = t.trustedKey(Optional.empty());
            assertEquals("first-checkpoint", k.source());
            assertArrayEquals(id.publicKey(), k.publicKey());
            assertEquals(1, t.verifier(k).verify().entries());
            assertEquals(2, AuditTarget.all(home).size());
        }
    }

    @Test
    void concurrent_threads_and_instances_keep_one_chain() throws Exception {
        MemosHome home = TestLogs.home(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (AuditLog a = AuditLogs.forHome(home); AuditLog b = AuditLogs.forHome(home)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                AuditLog log = t % 2 == 0 ? a : b;
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.append(AuditEvents.MEMORY_WRITE, "", Map.of("t", Integer.toString(thread)));
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(400, TestLogs.verifier(home).verify().entries());
    }
}
