package dev.memos.shell.cmd;

import dev.memos.identity.IdPins;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.Map;

public final class IdUnpinCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id unpin")
            .group("id")
            .summary("Forget the key pinned for an ID (its inception record, if any, is consulted again)")
            .option(OptionSpec.positional("id", "the identity ID").mandatory())
            .example("id unpin CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        MociId id = IdSupport.parseId(args.require("id"));
        java.util.Optional<dev.memos.identity.KnownKey> was = IdPins.of(ctx.home()).get(id.toString());
        boolean removed = IdPins.of(ctx.home()).remove(id.toString());
        CommandResult r = CommandResult.of(removed ? "forgot the key pinned for " + id : "no key was pinned for " + id,
                Map.of("id", id.toString(), "removed", removed));
        return removed ? r.withWarnings(KnownKeySupport.auditPin(ctx, id.toString(), "forgot", was.orElse(null))) : r;
    }
}
