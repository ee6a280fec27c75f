package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.config.MemosHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a writer mid-append, several times: every acknowledged batch survives, at most the batch in
 * flight is lost, the chain and checkpoints verify, and the next writer continues the same chain.
 */
class AuditCrashIT {
    private static final int BATCH = 40;

    @TempDir
    Path tmp;

    private static long lastAck(Path acks) throws java.io.IOException {
        if (!Files.exists(acks)) {
            return -1;
        }
        String[] lines = Files.readString(acks, StandardCharsets.UTF_8).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].strip().matches("\\d+")) {
                return Long.parseLong(lines[i].strip());
            }
        }
        return -1;
    }

    @Test
    void survives_sigkill_mid_append() throws Exception {
        MemosHome home = MemosHome.at(tmp.resolve("home"));
        long before = 0;
        for (int round = 0; round < 3; round++) {
            // stdout goes to a file: Process.destroyForcibly() closes the pipes, a file keeps every acknowledged line.
            Path acks = tmp.resolve("acks-" + round);
            Process p = Subprocess.appendLoop(home.root(), 0, BATCH).redirectErrorStream(true).redirectOutput(acks.toFile()).start();
            long target = before + 2_000 + round * 777L;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lastAck(acks) < target && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "writer still running when killed");
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close-time checkpoint
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            long acked = lastAck(acks);
            assertTrue(acked >= before, "the writer acknowledged appends");
            AuditVerifier.Report report = TestLogs.verifier(home).verify();
            assertTrue(report.entries() >= acked + 1, "every acknowledged entry survives: " + report.entries() + " < " + (acked + 1));
            assertTrue(report.entries() <= acked + 1 + BATCH, "nothing beyond the batch in flight");
            try (AuditLog log = AuditLogs.forHome(home)) {
                assertEquals(report.entries(), log.size());
                log.append(AuditEvents.ANOMALY, "", Map.of("after_kill", Integer.toString(round)));
            }
            AuditVerifier.Report after = TestLogs.verifier(home).verify();
            assertEquals(report.entries() + 1, after.entries());
            assertTrue(!after.tornTail());
            assertEquals(0, after.uncheckpointed(), "close checkpoints what the killed writer did not");
            before = after.entries();
        }
    }

    @Test
    void checkpoints_a_log_left_open_at_exit() throws Exception {
        MemosHome home = MemosHome.at(tmp.resolve("home"));
        ProcessBuilder pb = Subprocess.appendLoop(home.root(), 150, 50);
        pb.command().add("exit-open");
        assertEquals(0, Subprocess.run(pb).exit());
        AuditVerifier.Report r = TestLogs.verifier(home).verify();
        assertEquals(150, r.entries());
        assertEquals(0, r.uncheckpointed(), "the shutdown hook wrote the closing checkpoint");
    }
}
