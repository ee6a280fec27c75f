package dev.memos.shell.cmd;

import dev.memos.app.memory.MemoryResults;
import dev.memos.shell.Services;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;

public final class MemSearchCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mem search")
            .group("mem")
            .summary("Find memories (rings 0-2) whose text contains TEXT, ignoring case")
            .option(OptionSpec.positional("text", "what to look for").mandatory())
            .example("mem search budget")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        MemoryResults.Found r = Services.of(ctx).memories().search(args.require("text"));
        StringBuilder text = new StringBuilder(r.count() + " memor" + (r.count() == 1 ? "y" : "ies") + " found");
        r.entries().forEach(e -> text.append('\n').append(MemShowCommand.line(e)));
        return CommandResult.of(text.toString(), r);
    }
}
