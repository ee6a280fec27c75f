package dev.memos.shell;

import dev.memos.audit.AuditEvents;
import dev.memos.store.Recoveries;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells what the stores of this home repaired from their verified copies during a command (FORMAT.md
 * §17): one stderr line each, and an {@code anomaly} audit event ({@code kind} = {@code store-recovered})
 * in the log of the identity the file belongs to (or the home log). Runs after every command, also a
 * failed one; never fails it.
 */
final class RecoveryNotices {
    /** Recording an event may itself repair the audit state; a few rounds drain that too. */
    private static final int ROUNDS = 3;

    private RecoveryNotices() {
    }

    static void flush(Context ctx) {
        Path root = ctx.home().root().toAbsolutePath().normalize();
        for (int round = 0; round < ROUNDS; round++) {
            List<Recoveries.Recovered> done = Recoveries.drain(root);
            if (done.isEmpty()) {
                return;
            }
            for (Recoveries.Recovered r : done) {
                String rel = root.relativize(r.file()).toString().replace('\\', '/');
                ctx.err().println(r.fromCopy() ? "memos: recovered " + rel + " from its verified copy (" + r.reason() + ")"
                        : "memos: rewrote the verified copy of " + rel + " (" + r.reason() + ")");
                Map<String, String> d = new LinkedHashMap<>();
                d.put("kind", "store-recovered");
                d.put("file", rel);
                d.put("from", r.fromCopy() ? "copy" : "primary");
                d.put("reason", r.reason());
                ctx.audit(AuditEvents.ANOMALY, identityOf(rel), d).forEach(w -> ctx.err().println("memos: " + w));
            }
        }
    }

    /** The identity a file of {@code identities/<ID>/…} belongs to; null (the home log) for any other. */
    private static String identityOf(String rel) {
        String[] p = rel.split("/");
        return p.length > 2 && p[0].equals("identities") ? p[1] : null;
    }
}
