package dev.memos.shell.cmd;

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
            .option(IdSupport.idOption())
            .option(OptionSpec.flag("confirm", "required: deletion cannot be undone"))
            .example("id delete CW-NOVA.R7KMX2-AA --confirm")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.requireConfirm(args, "deleting an identity");
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        Tombstone tomb = t.store().delete(id, IdSupport.secrets(ctx));
        IdSupport.lockIfUnlocked(ctx, id);
        return t.attach(CommandResult.of("deleted " + id + " (tombstone kept: the id can never be used again)",
                Map.of("id", id.toString(), "state", tomb.state().id(), "at", tomb.at().toString())));
    }
}
