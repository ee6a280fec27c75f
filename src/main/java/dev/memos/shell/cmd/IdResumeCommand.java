package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;

public final class IdResumeCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id resume")
            .group("id")
            .summary("Resume a suspended identity")
            .option(IdSupport.idOption())
            .example("id resume CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        IdentityInfo info = t.store().resume(id);
        return t.attach(CommandResult.of("resumed " + id + " (active)", IdSupport.describe(info)));
    }
}
