package dev.memos.app.audit;

import dev.memos.audit.AuditTarget;
import dev.memos.error.MemosException;
import dev.memos.identity.IdValidation;
import dev.memos.config.MemosHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which audit logs {@code audit verify} must find (issue 20 §4): the home log as soon as an identity
 * exists (its creation or import is recorded there), and each identity's own log as soon as the
 * identity has memory (rings file or rollback counter) or token keys, since those writes are logged
 * to it. A log that should exist but does not is a failure, never "ok" and never "nothing logged".
 */
public final class AuditCoverage {
    /** One log to check: present (verify it), missing although expected (a failure), or not begun yet. */
    public record Log(AuditTarget target, boolean present, Optional<String> expectedBecause) {
        public boolean missing() {
            return !present && expectedBecause.isPresent();
        }
    }

    private AuditCoverage() {
    }

    /** The home log and every identity of the home (folders with an identity.json or its backup). */
    public static List<Log> all(MemosHome home) {
        List<String> ids = identities(home);
        List<Log> out = new ArrayList<>();
        AuditTarget homeLog = AuditTarget.of(home, Optional.empty());
        out.add(new Log(homeLog, homeLog.exists(), ids.isEmpty() ? Optional.empty()
                : Optional.of(ids.size() + " identit" + (ids.size() == 1 ? "y exists" : "ies exist"))));
        for (String id : ids) {
            out.add(of(home, id));
        }
        return out;
    }

    /** One identity's log (which may not be an identity of this home). */
    public static Log of(MemosHome home, String id) {
        AuditTarget t = AuditTarget.of(home, Optional.of(id));
        return new Log(t, t.exists(), activity(home, id));
    }

    private static Optional<String> activity(MemosHome home, String id) {
        Path dir = home.resolve("identities").resolve(id);
        if (Files.exists(dir.resolve("rings").resolve("rings.bin"))) {
            return Optional.of("it has memory rings");
        }
        if (Files.exists(home.resolve("counters").resolve("rings-" + id + ".ctr"))) {
            return Optional.of("its rings counter exists");
        }
        if (Files.isDirectory(dir.resolve("tokens"))) {
            return Optional.of("it has token keys");
        }
        return Optional.empty();
    }

    private static List<String> identities(MemosHome home) {
        Path root = home.resolve("identities");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(d -> IdValidation.check(d.getFileName().toString()).valid())
                    .filter(d -> Files.exists(d.resolve("identity.json")) || Files.exists(d.resolve("identity.json.bak")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw MemosException.failure("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** The one-line failure for logs that should exist and do not. */
    static MemosException missing(List<Log> missing, int verified) {
        List<String> parts = missing.stream().map(l -> "'" + l.target().logId() + "' (" + l.expectedBecause().orElseThrow()
                + ") has no log at " + l.target().dir()).toList();
        return MemosException.integrity("audit log missing: " + String.join("; ", parts) + (verified > 0 ? "; " + verified
                + " other log(s) verified" : "") + ": it was deleted; restore it from a backup of this home");
    }
}
