package dev.memos.shell.cmd;

import dev.memos.app.audit.AuditVerifyRequest;
import dev.memos.app.audit.AuditVerifyResult;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.Services;

/** {@code audit verify}: the policy (which logs, which key, anchored or not) is {@link dev.memos.app.audit.AuditService}'s. */
public final class AuditVerifyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("audit verify")
            .group("audit")
            .summary("Check the audit logs: HMAC chain, order, signed checkpoints (exit 4 naming the first bad index)")
            .option(OptionSpec.value("identity", "ID", "only this identity's log (default: home and every identity log)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.flag("anchored", "also check against the newest published checkpoint (catches a replaced log)"))
            .option(OptionSpec.value("public-key", "KEY", "the identity's checkpoint key (ed25519:BASE64URL); default: the identity's key from this home's identity store"))
            .example("audit verify --anchored")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        AuditVerifyResult r = Services.of(ctx).audits()
                .verify(new AuditVerifyRequest(args.get("identity"), args.flag("anchored"), args.get("public-key")));
        StringBuilder text = new StringBuilder();
        for (AuditVerifyResult.LogCheck l : r.logs()) {
            text.append(String.format("ok  %-12s %d entries, %d checkpoints%s%s, key %s%n", l.log(), l.entries(), l.checkpoints(),
                    l.newestSize() == null ? "" : " (newest: size " + l.newestSize() + " at " + l.newestTime() + ")",
                    l.anchoredSize() == null ? "" : ", anchored at size " + l.anchoredSize(), l.publicKey()));
        }
        for (String log : r.notBegun()) {
            text.append(String.format("--  %-12s no log yet (nothing recorded for it)%n", log));
        }
        return CommandResult.of(text.toString(), r).withWarnings(r.warnings());
    }
}
