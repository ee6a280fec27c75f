package dev.memos.shell.cmd;

import dev.memos.error.MemosException;
import dev.memos.ring.RingProofs;
import dev.memos.ring.SignedHead;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;

public final class IdVerifyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id verify")
            .group("id")
            .summary("Dual-factor check of the unlocked identity: the key signs a challenge and the memory chain matches")
            .option(OptionSpec.value("known", "F", "a checkpoint seen earlier: the chain must extend it").completes(OptionSpec.Completion.FILE))
            .example("id verify --known last-checkpoint.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        SignedHead known = args.path("known").map(RingSessions::readCheckpoint).orElse(null);
        RingProofs.Check c = RingProofs.verifyLocal(RingSessions.open(ctx), known);
        CommandResult r = IdVerifyProofCommand.report(c, "identity " + c.head().id());
        if (!c.ok()) {
            throw MemosException.auth("verification failed for " + c.head().id() + ": " + String.join("; ", c.problems()));
        }
        return r;
    }
}
