package dev.memos.shell.cmd;

import dev.memos.audit.AuditTarget;
import dev.memos.shell.Args;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;

/** The {@code --identity} option of the audit commands: which log they work on (the home log without it). */
final class AuditLogOption {
    static final OptionSpec IDENTITY = OptionSpec.value("identity", "ID", "an identity's log instead of the home log")
            .completes(OptionSpec.Completion.IDENTITY);

    private AuditLogOption() {
    }

    /** The log {@code --identity} names, else the home log; it may not exist yet (see {@link AuditTarget#requireExisting}). */
    static AuditTarget target(Args args, Context ctx) {
        return AuditTarget.of(ctx.home(), args.get("identity"));
    }
}
