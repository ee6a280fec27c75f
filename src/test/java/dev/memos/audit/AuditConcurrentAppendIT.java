package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.memos.config.MemosHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes appending to one audit log at once keep one unbroken chain. The writers lock
 * {@code audit.lock}: a lock on {@code audit.log} itself was dropped by POSIX the moment a writer closed
 * the reader it opened to catch up with the others' records, and CI saw "entry 12 fails the HMAC chain"
 * after four memos processes wrote to one home.
 */
class AuditConcurrentAppendIT {
    private static final int WRITERS = 3;
    private static final int EACH = 300;

    @TempDir
    Path tmp;

    @Test
    void three_processes_appending_at_once_keep_one_verified_chain() throws Exception {
        MemosHome home = MemosHome.at(tmp.resolve("home"));
        try (AuditLog log = AuditLogs.forHome(home)) {
            log.append(AuditEvents.ANOMALY, "", java.util.Map.of("start", "1")); // the log exists before the race
        }
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Path out = tmp.resolve("w" + w + ".out");
            // batches of one: every append catches up with the others' records first, the path that lost the lock
            writers.add(Subprocess.appendLoop(home.root(), EACH, 1).redirectErrorStream(true).redirectOutput(out.toFile()).start());
        }
        for (int w = 0; w < WRITERS; w++) {
            Process p = writers.get(w);
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("writer " + w + " did not finish");
            }
            assertEquals(0, p.exitValue(), "writer " + w + ": " + java.nio.file.Files.readString(tmp.resolve("w" + w + ".out")));
        }
        AuditVerifier.Report report = TestLogs.verifier(home).verify();
        assertEquals(1 + WRITERS * EACH, report.entries(), "every acknowledged append is in the chain");
        assertFalse(report.tornTail());
    }
}
