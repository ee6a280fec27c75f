package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;

public final class IdResumeCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id resume")
            .group("id")
            .summary("Resume a suspended identity")
            .option(OptionSpec.positional("id", "identity id (default: the unlocked or only identity)").completes(OptionSpec.Completion.IDENTITY))
            .example("id resume CW-NOVA.R7KMX2-E2")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        MociId id = IdSupport.resolve(args, ctx, store);
        IdentityInfo info = store.resume(id);
        return w.attach(CommandResult.of("resumed " + id + " (active)", IdSupport.describe(info)));
    }
}
