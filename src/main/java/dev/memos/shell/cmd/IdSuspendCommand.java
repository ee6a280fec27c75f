package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;

public final class IdSuspendCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id suspend")
            .group("id")
            .summary("Suspend an identity (reversible): no tokens, no memory writes until resumed")
            .option(IdSupport.idOption())
            .example("id suspend CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        IdentityInfo info = t.store().suspend(id);
        IdSupport.lockIfUnlocked(ctx, id);
        return t.attach(CommandResult.of("suspended " + id, IdSupport.describe(info)));
    }
}
