package dev.memos.shell.cmd;

import dev.memos.app.identity.IdentityBackup;
import dev.memos.app.identity.IdentityRestore;
import dev.memos.audit.AuditEvents;
import dev.memos.shell.Args;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotRestore;
import dev.memos.snapshot.Snapshots;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity half of backup and restore (issue 16 §1): the options, the call into
 * dev.memos.app.identity, and the audit lines. Kept out of the backup/restore commands so their
 * orchestration can change without touching this.
 */
final class IdentityArchiveSupport {
    static final OptionSpec NO_IDENTITIES = OptionSpec.flag("no-identities",
            "leave the home's identities (keys, rings, audit logs, token keys, pins) out of the snapshot");
    static final OptionSpec IDENTITIES = OptionSpec.flag("identities",
            "also bring back the identities the snapshot carries (--out is then optional)");

    private IdentityArchiveSupport() {
    }

    /** Attaches the sealed identity archive to a snapshot backup unless --no-identities; what it carries, if anything. */
    static Optional<IdentityBackup.Prepared> attach(Args args, Context ctx, SnapshotKeys keys, SnapshotBackup.Builder b) {
        if (args.flag("no-identities")) {
            return Optional.empty();
        }
        Optional<IdentityBackup.Prepared> p = new IdentityBackup(ctx.clock(), new SecureRandom())
                .prepare(ctx.home().root(), keys.address(), keys.identitiesKey());
        p.ifPresent(x -> b.attach(IdentityBackup.ATTACHMENT, x.sealed()));
        return p;
    }

    /** Restores the identities of a verified snapshot into this home; audits each one put back. */
    static IdentityRestore.Result restore(Context ctx, Repository repo, SnapshotKeys keys, Snapshots.Listed s, boolean force,
                                          List<String> warnings) {
        byte[] sealed = new SnapshotRestore(keys, repo).readAttached(s.snapshot(), IdentityBackup.ATTACHMENT)
                .orElseThrow(() -> dev.memos.error.MemosException.usage("snapshot " + s.snapshot().sequence()
                        + " carries no identities (made with --no-identities, or by an older memos): restore without --identities"));
        IdentityRestore.Result r = new IdentityRestore(new SecureRandom())
                .restore(new IdentityRestore.Request(ctx.home().root(), sealed, keys.identitiesKey(), force));
        warnings.addAll(r.warnings());
        for (IdentityRestore.Outcome o : r.identities()) {
            if (o.outcome().equals("restored") || o.outcome().equals("replaced")) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("identity_id", o.id());
                d.put("outcome", o.outcome());
                d.put("snapshot_id", s.id());
                d.put("snapshot_head", o.snapshotHead());
                d.put("local_head", o.localHead() == null ? "" : o.localHead());
                warnings.addAll(ctx.audit(AuditEvents.RESTORE, d));
            }
        }
        return r;
    }

    /** "identities: ID restored, ID kept newer local", or "no identities": the identity part of a restore line. */
    static String describe(List<IdentityRestore.Outcome> identities) {
        StringBuilder sb = new StringBuilder();
        for (IdentityRestore.Outcome o : identities) {
            sb.append(sb.isEmpty() ? "" : ", ").append(o.id()).append(' ').append(o.outcome().replace('-', ' '));
        }
        return identities.isEmpty() ? "no identities" : "identities: " + sb;
    }
}
