package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.Map;

public final class LockCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("lock")
            .group("session")
            .summary("Lock the session and wipe every unlocked secret (Ethereum key, identity key) from memory")
            .example("lock")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ctx.session().lock();
        return CommandResult.of("locked", Map.of("unlocked", false));
    }
}
