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

public final class IdSuspendCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id suspend")
            .group("id")
            .summary("Suspend an identity (reversible): no tokens, no memory writes until resumed")
            .option(OptionSpec.positional("id", "identity id (default: the unlocked or only identity)").completes(OptionSpec.Completion.IDENTITY))
            .example("id suspend CW-NOVA.R7KMX2-E2")
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
        IdentityInfo info = store.suspend(id);
        ctx.session().identity().filter(u -> u.id().equals(id)).ifPresent(u -> ctx.session().lockIdentity());
        return w.attach(CommandResult.of("suspended " + id, IdSupport.describe(info)));
    }
}
