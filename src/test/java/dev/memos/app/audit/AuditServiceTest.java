package dev.memos.app.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.audit.AuditEvents;
import dev.memos.audit.AuditLog;
import dev.memos.audit.AuditLogs;
import dev.memos.audit.AuditTarget;
import dev.memos.audit.Checkpoint;
import dev.memos.audit.CheckpointAnchor;
import dev.memos.config.MemosHome;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy of audit verify, without the shell: which key a log is checked against, and what is refused. */
class AuditServiceTest {
    @TempDir
    Path tmp;

    private MemosHome home() {
        return MemosHome.at(tmp.resolve("home")).ensure();
    }

    private static void log(MemosHome home, String id, Ed25519 key) {
        try (AuditLog log = AuditLogs.forIdentity(home, id, key)) {
            log.append(AuditEvents.KEY_ROTATION, id, Map.of());
        }
    }

    private static AuditService service(MemosHome home, Optional<AuditTarget.TrustedKey> storeKey, CheckpointAnchor anchor) {
        return AuditService.builder().home(home).identityKeys(id -> storeKey).anchor(() -> anchor).build();
    }

    @Test
    void prefers_the_identity_store_key_over_trust_on_first_use() {
        MemosHome home = home();
        try (Ed25519 k = Ed25519.generate()) {
            log(home, "agent-9", k);
            AuditTarget.TrustedKey stored = new AuditTarget.TrustedKey(SignatureAlgorithm.ED25519, k.publicKey(), "identity");
            AuditVerifyResult r = service(home, Optional.of(stored), null)
                    .verify(new AuditVerifyRequest(Optional.of("agent-9"), false, Optional.empty()));
            assertEquals("identity", r.logs().get(0).keySource());
            assertTrue(r.warnings().stream().noneMatch(w -> w.contains("first checkpoint")), r.warnings().toString());
        }
    }

    @Test
    void warns_when_it_falls_back_to_the_first_checkpoint_key() {
        MemosHome home = home();
        try (Ed25519 k = Ed25519.generate()) {
            log(home, "agent-9", k);
            AuditVerifyResult r = service(home, Optional.empty(), null)
                    .verify(new AuditVerifyRequest(Optional.of("agent-9"), false, Optional.empty()));
            assertEquals("first-checkpoint", r.logs().get(0).keySource());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("trusting the key of its first checkpoint")), r.warnings().toString());
        }
    }

    @Test
    void rejects_a_log_whose_checkpoints_are_signed_by_another_key_than_the_stored_one() {
        MemosHome home = home();
        try (Ed25519 k = Ed25519.generate(); Ed25519 other = Ed25519.generate()) {
            log(home, "agent-9", k);
            AuditTarget.TrustedKey wrong = new AuditTarget.TrustedKey(SignatureAlgorithm.ED25519, other.publicKey(), "identity");
            MemosException e = assertThrows(MemosException.class, () -> service(home, Optional.of(wrong), null)
                    .verify(new AuditVerifyRequest(Optional.of("agent-9"), false, Optional.empty())));
            assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        }
    }

    @Test
    void refuses_a_public_key_for_several_logs() {
        MemosHome home = home();
        try (Ed25519 a = Ed25519.generate(); Ed25519 b = Ed25519.generate()) {
            log(home, "agent-1", a);
            log(home, "agent-2", b);
            MemosException e = assertThrows(MemosException.class, () -> service(home, Optional.empty(), null)
                    .verify(new AuditVerifyRequest(Optional.empty(), false, Optional.of("ed25519:AAAA"))));
            assertEquals(ErrorKind.USAGE, e.kind());
            assertTrue(e.getMessage().contains("--identity"), e.getMessage());
        }
    }

    @Test
    void anchored_fails_when_nothing_was_published() {
        MemosHome home = home();
        try (Ed25519 k = Ed25519.generate()) {
            log(home, "agent-9", k);
            CheckpointAnchor empty = new CheckpointAnchor() {
                @Override
                public String publish(Checkpoint checkpoint) {
                    throw new AssertionError("verify never publishes");
                }

                @Override
                public Optional<Checkpoint> fetchLatest(String logId, SignatureAlgorithm algorithm, byte[] publicKey) {
                    return Optional.empty();
                }
            };
            MemosException e = assertThrows(MemosException.class, () -> service(home, Optional.empty(), empty)
                    .verify(new AuditVerifyRequest(Optional.of("agent-9"), true, Optional.empty())));
            assertTrue(e.getMessage().contains("no anchored checkpoint"), e.getMessage());
        }
    }

    @Test
    void result_renders_snake_case_keys_without_the_warnings() throws Exception {
        MemosHome home = home();
        try (Ed25519 k = Ed25519.generate()) {
            log(home, "agent-9", k);
            AuditVerifyResult r = service(home, Optional.empty(), null)
                    .verify(new AuditVerifyRequest(Optional.of("agent-9"), false, Optional.empty()));
            String json = Json.mapper().writeValueAsString(r);
            assertTrue(json.contains("\"key_source\":\"first-checkpoint\""), json);
            assertTrue(json.contains("\"torn_tail\":false") && json.contains("\"not_begun\""), json);
            assertFalse(json.contains("warnings") || json.contains("keySource"), json);
        }
    }
}
