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
import dev.memos.identity.Tombstone;
import java.util.Map;
public final class IdDeleteCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id delete")
            .group("id")
            .summary("Wipe a revoked identity: key, rings, audit and tokens overwritten and removed; tombstone kept")
            .option(OptionSpec.positional("id", "identity id (default: the unlocked or only identity)").completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.flag("confirm", "required: deletion cannot be undone"))
            .example("id delete CW-NOVA.R7KMX2-E2 --confirm")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.requireConfirm(args, "deleting an identity");
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        MociId id = IdSupport.resolve(args, ctx, store);
        Tombstone t = store.delete(id, IdSupport.secrets(ctx));
        ctx.session().identity().filter(u -> u.id().equals(id)).ifPresent(u -> ctx.session().lockIdentity());
        return w.attach(CommandResult.of("deleted " + id + " (tombstone kept: the id can never be used again)",
                Map.of("id", id.toString(), "state", t.state().id(), "at", t.at().toString())));
    }
}
