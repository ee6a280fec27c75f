package dev.memos.shell.cmd;

import dev.memos.ring.SignedHead;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.nio.file.Path;
import java.util.Map;

public final class IdCheckpointCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id checkpoint")
            .group("id")
            .summary("Write the signed head of the memory chain (a checkpoint peers keep and pass to 'id verify --known')")
            .option(OptionSpec.value("output", "F", "where to write the checkpoint JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .example("id checkpoint --output checkpoint.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        SignedHead head = RingSessions.open(ctx).head();
        Path out = args.requirePath("output");
        RingSessions.writeJson(out, head.toJson());
        return CommandResult.of("checkpoint of " + head.id() + " at chain step " + head.step() + " written to " + out,
                Map.of("id", head.id(), "step", head.step(), "output", out.toString()));
    }
}
