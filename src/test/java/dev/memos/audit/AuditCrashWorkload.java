package dev.memos.audit;

import dev.memos.config.MemosHome;
import dev.memos.crash.CrashWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Audit log: batched appends; after a kill the log verifies (MAC chain, checkpoints) and holds every acknowledged entry. */
public final class AuditCrashWorkload implements CrashWorkload {
    static final int BATCH = 8;

    @Override
    public void setUp(Path home) {
        MemosHome.at(home).ensure();
    }

    @Override
    public void writeLoop(Path home, Acks acks) {
        try (AuditLog log = AuditLogs.builder(MemosHome.at(home)).checkpointEvery(100).open()) {
            while (true) {
                List<AuditEvent> events = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    events.add(AuditEvent.of(AuditEvents.ANOMALY, "crash", Map.of("i", Integer.toString(i))));
                }
                List<AuditEntry> done = log.appendAll(events);
                acks.ack(done.get(done.size() - 1).index());
            }
        }
    }

    @Override
    public void check(Path home, long lastAck) {
        MemosHome h = MemosHome.at(home);
        AuditVerifier.Report report = TestLogs.verifier(h).verify();
        if (report.entries() < lastAck + 1) {
            throw new AssertionError("acknowledged entry " + lastAck + " lost: the log has " + report.entries());
        }
        try (AuditLog log = AuditLogs.forHome(h)) {
            log.append(AuditEvents.ANOMALY, "", Map.of("after_kill", "1"));
        }
        if (TestLogs.verifier(h).verify().entries() != report.entries() + 1) {
            throw new AssertionError("the log does not continue after recovery");
        }
    }
}
