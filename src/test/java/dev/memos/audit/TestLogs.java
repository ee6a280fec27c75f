package dev.memos.audit;

import dev.memos.config.MemosHome;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures: a home in a temp dir, a settable clock, and helpers to fill and verify the home log. */
final class TestLogs {
    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private TestLogs() {
    }

    static MemosHome home(Path dir) {
        return MemosHome.at(dir.resolve("home")).ensure();
    }

    static Path homeLogDir(MemosHome home) {
        return AuditLogs.homeDirectory(home);
    }

    /** Writes {@code n} entries to the home log in one batch, checkpointing every {@code every}. */
    static void fill(MemosHome home, Clock clock, int n, long every) {
        try (AuditLog log = AuditLogs.builder(home).clock(clock).checkpointEvery(every).open()) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(AuditEvent.of(AuditEvents.MEMORY_WRITE, "id-" + (i % 3), Map.of("n", Integer.toString(i))));
            }
            for (int i = 0; i < events.size(); i += 7) {
                log.appendAll(events.subList(i, Math.min(events.size(), i + 7)));
            }
        }
    }

    static AuditVerifier verifier(MemosHome home) {
        DeviceKey dk = DeviceKey.loadOrCreate(home.root());
        try (Ed25519 signer = AuditKeys.homeSigner(dk)) {
            return AuditVerifier.of(homeLogDir(home), AuditKeys.HOME_LOG)
                    .macKey(AuditKeys.macKey(dk, AuditKeys.HOME_LOG))
                    .trustedKey(SignatureAlgorithm.ED25519, signer.publicKey());
        }
    }
}
