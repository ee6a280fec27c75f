package dev.memos.audit;

import dev.memos.config.MemosHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subprocess writer for the crash and CLI integration tests: appends COUNT events (or forever if COUNT
 * is 0) to the home log of HOME in batches of BATCH, printing the index of each acknowledged batch's last
 * entry so the parent knows what was durable when it sends SIGKILL. Args: HOME COUNT BATCH [exit-open]
 * (exit-open: System.exit without closing the log, leaving the closing checkpoint to the shutdown hook).
 */
public final class AppendLoop {
    private AppendLoop() {
    }

    public static void main(String[] args) {
        MemosHome home = MemosHome.at(Path.of(args[0]));
        long count = Long.parseLong(args[1]);
        int batch = Integer.parseInt(args[2]);
        boolean exitOpen = args.length > 3 && args[3].equals("exit-open");
        AuditLog log = AuditLogs.builder(home).checkpointEvery(1000).checkpointInterval(java.time.Duration.ofDays(1)).open();
        try {
            long written = 0;
            while (count == 0 || written < count) {
                List<AuditEvent> events = new ArrayList<>(batch);
                for (int i = 0; i < batch && (count == 0 || written + i < count); i++) {
                    long n = written + i;
                    String type = AuditEvents.ALL.get((int) (n % AuditEvents.ALL.size()));
                    // alternate per round of event types, so every type is written for both identities whatever the count of types
                    events.add(AuditEvent.of(type, (n / AuditEvents.ALL.size()) % 2 == 0 ? "alice" : "bob", Map.of("n", Long.toString(n), "pad", "x".repeat((int) (n % 50)))));
                }
                List<AuditEntry> done = log.appendAll(events);
                written += done.size();
                System.out.println(done.get(done.size() - 1).index());
                System.out.flush();
            }
            if (exitOpen) {
                System.exit(0);
            }
        } finally {
            log.close();
        }
    }
}
