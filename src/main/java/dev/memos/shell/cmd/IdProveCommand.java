package dev.memos.shell.cmd;

import dev.memos.ring.RingProofs;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.nio.file.Path;
import java.util.Map;

public final class IdProveCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id prove")
            .group("id")
            .summary("Answer a verifier's challenge: a proof (signed head, memory chain, signed challenge) for 'id verify-proof'")
            .option(OptionSpec.value("challenge", "C", "the verifier's random challenge").mandatory())
            .option(OptionSpec.value("output", "F", "where to write the proof JSON").mandatory().completes(OptionSpec.Completion.FILE))
            .example("id prove --challenge 7f3a9c --output proof.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        RingStore store = RingSessions.open(ctx);
        Path out = args.requirePath("output");
        RingSessions.writeJson(out, RingProofs.prove(store, args.require("challenge")));
        return CommandResult.of("proof for " + store.head().id() + " at chain step " + store.head().step() + " written to " + out,
                Map.of("id", store.head().id(), "step", store.head().step(), "output", out.toString()));
    }
}
