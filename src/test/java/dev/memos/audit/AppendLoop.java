package dev.memos.audit;

import dev.memos.config.MemosHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subprocess writer for the crash and CLI integration tests: appends COUNT events (or forever if COUNT
 * is 0) to the home log of HOME in batches of BATCH, printing the index of each acknowledged batch's last
 * entry so the parent knows what was durable when it sends SIGKILL. Args: HOME COUNT BATCH.
 */
public final class AppendLoop {
    private AppendLoop() {
    }

    public static void main(String[] args) {
        MemosHome home = MemosHome.at(Path.of(args[0]));
        long count = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        try (AuditLog log = AuditLogs.builder(home).checkpointEvery(1000).open()) {
            long written = 0;
            while (count == 0 || written < count) {
                List<AuditEvent> events = new ArrayList<>(batch);
                for (int i = 0; i < batch && (count == 0 || written + i < count); i++) {
                    long n = written + i;
                    String type = AuditEvents.ALL.get((int) (n % AuditEvents.ALL.size()));
                    events.add(AuditEvent.of(type, n % 2 == 0 ? "alice" : "bob", Map.of("n", Long.toString(n), "pad", "x".repeat((int) (n % 50)))));
                }
                List<AuditEntry> done = log.appendAll(events);
                written += done.size();
                System.out.println(done.get(done.size() - 1).index());
                System.out.flush();
            }
        }
    }
}
