package dev.memos.shell.cmd;

import dev.memos.ring.ForkProof;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.util.Map;

public final class IdCheckForkCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id check-fork")
            .group("id")
            .summary("Check a fork proof (two diverging heads signed by one identity key); needs no key")
            .option(OptionSpec.positional("proof", "the fork proof JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .example("id check-fork fork-proof.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ForkProof proof = ForkProof.fromJson(RingSessions.readJson(args.requirePath("proof"), "fork proof"));
        proof.check();
        String id = proof.first().id();
        return CommandResult.of("fork proven: " + id + " signed two diverging chains (steps " + proof.first().step() + " and "
                + proof.second().step() + "); treat it as cloned", Map.of("fork", true, "id", id,
                "firstStep", proof.first().step(), "secondStep", proof.second().step()));
    }
}
