package dev.memos.shell;

import dev.memos.audit.AuditEntry;
import dev.memos.audit.AuditEvents;
import dev.memos.audit.AuditLogs;
import dev.memos.audit.AuditQuery;
import dev.memos.audit.AuditReader;
import dev.memos.config.MemosHome;
import dev.memos.identity.IdValidation;
import dev.memos.identity.IdentityState;
import dev.memos.identity.MociId;
import dev.memos.identity.TombstoneWitness;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this home remembers of revoked and deleted ids outside the tombstone list: the home audit
 * log's {@code lifecycle_change} events ({@code to} = revoked / deleted) and the rings rollback
 * counters ({@code counters/rings-<ID>.ctr}, which outlive a deleted identity's folder). Entries
 * are read, not MAC-checked: a forged entry could only keep an id dead (fail closed), and
 * {@code audit verify} reports a damaged log.
 */
final class HomeTombstoneWitness implements TombstoneWitness {
    static final String AUDIT_SOURCE = "the home audit log";
    private final MemosHome home;

    HomeTombstoneWitness(MemosHome home) {
        this.home = home;
    }

    @Override
    public List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        fromAudit(out);
        fromCounters(out);
        return out;
    }

    private void fromAudit(List<Evidence> out) {
        List<AuditEntry> changes;
        try {
            changes = AuditReader.query(AuditLogs.homeDirectory(home), AuditQuery.all().withEvent(AuditEvents.LIFECYCLE_CHANGE));
        } catch (RuntimeException e) {
            return; // a damaged log is audit verify's finding; the other evidence still counts
        }
        for (AuditEntry e : changes) {
            String to = e.details().getOrDefault("to", "");
            IdentityState state = to.equals(IdentityState.REVOKED.id()) ? IdentityState.REVOKED
                    : to.equals(IdentityState.DELETED.id()) ? IdentityState.DELETED : null;
            if (state != null && IdValidation.check(e.identity()).valid()) {
                out.add(new Evidence(MociId.parse(e.identity()), state, e.time(), AUDIT_SOURCE));
            }
        }
    }

    private void fromCounters(List<Evidence> out) {
        Path dir = home.resolve("counters");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rings-*.ctr")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring("rings-".length(), name.length() - ".ctr".length());
                if (IdValidation.check(id).valid()) {
                    out.add(new Evidence(MociId.parse(id), null, Files.getLastModifiedTime(f).toInstant(), "counters/" + name));
                }
            }
        } catch (IOException e) {
            // unreadable counters folder: the rings commands report it; the audit evidence still counts
        }
    }

}
