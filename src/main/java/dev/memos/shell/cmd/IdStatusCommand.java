package dev.memos.shell.cmd;

import dev.memos.app.identity.IdStatus;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.Services;

/**
 * The seed's {@code moci status} (ID, status, tier, trust, ring 0 entries, ring 3 hashes) plus the
 * chain head and length, the quarantine flag, the key fingerprint and the size of each sub-folder.
 * What it reports is {@link dev.memos.app.identity.IdentityService#status}'s; this class renders it.
 */
public final class IdStatusCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id status")
            .group("id")
            .summary("Show an identity: id, state, tier, trust score, ring sizes, chain head and length, quarantine")
            .option(IdSupport.idOption())
            .example("id status")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        IdStatus s = Services.of(ctx).identities(t.store()).status(t.id());
        StringBuilder text = new StringBuilder()
                .append("ID:          ").append(s.id()).append('\n')
                .append("Status:      ").append(s.state()).append(s.unlocked() ? " (unlocked)" : "").append('\n')
                .append("Tier:        ").append(s.tier()).append(" (").append(s.algorithm()).append(")\n");
        rings(s, text);
        text.append("Key:         ").append(s.fingerprint()).append('\n')
                .append("Created:     ").append(s.created()).append('\n')
                .append("Updated:     ").append(s.updated());
        folder(text, "rings", s.ringsFiles(), s.ringsBytes());
        folder(text, "audit", s.auditFiles(), s.auditBytes());
        folder(text, "tokens", s.tokensFiles(), s.tokensBytes());
        return t.attach(CommandResult.of(text.toString(), s).withWarnings(s.warnings()));
    }

    private static void folder(StringBuilder text, String sub, long files, long bytes) {
        text.append(String.format("%n%-12s %d files, %d bytes", sub + ":", files, bytes));
    }

    private static void rings(IdStatus s, StringBuilder text) {
        if (s.ringsError() != null) {
            text.append("Rings:       unreadable (").append(s.ringsError()).append(")\n")
                    .append("Quarantine:  ").append(s.quarantined() ? "yes (fork detected)" : "no").append('\n');
            return;
        }
        IdStatus.Rings r = s.rings();
        text.append("Trust:       ").append(s.trust()).append(" (").append(s.trustTier()).append(")\n")
                .append("Ring 0:      ").append(r.ring0Entries()).append(" entries (").append(r.ring0Bytes()).append(" bytes)\n")
                .append("Ring 1:      ").append(r.ring1Entries()).append(" entries\n")
                .append("Ring 2:      ").append(r.ring2Entries()).append(" entries\n");
        IdStatus.Chain c = s.chain();
        if (c == null) {
            text.append("Ring 3:      0 hashes (no memory chain yet: the first 'mem' command starts it)\n")
                    .append("Chain:       none\n")
                    .append("Quarantine:  no\n");
            return;
        }
        text.append("Ring 3:      ").append(r.ring3Hashes()).append(r.ring3Hashes() == 1 ? " hash (genesis)" : " hashes").append(", ")
                .append(r.ring3Months()).append(" sealed months\n")
                .append("Chain:       head ").append(c.head(), 0, 16).append("… length ")
                .append(c.length()).append(c.revoked() ? " (ends REVOKED)" : "").append('\n')
                .append("Quarantine:  ").append(s.quarantined() ? "yes (fork detected: writes and tokens stop)" : "no")
                .append('\n');
    }
}
