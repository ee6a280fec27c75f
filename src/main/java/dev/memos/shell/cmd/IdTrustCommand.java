package dev.memos.shell.cmd;

import dev.memos.ring.TrustScore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.RingSessions;

public final class IdTrustCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id trust")
            .group("id")
            .summary("Trust score 10-100 of the unlocked identity from its memory chain, with the parts it came from")
            .example("id trust")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        TrustScore t = RingSessions.open(ctx).trust();
        String text = String.format("trust %d (%s): age %d days → %d points, %d gap months (−5 each), %d anomaly months (−3 each), "
                        + "%d forks (−15 each)%s", t.score(), t.tier(), t.ageDays(), t.agePoints(), t.gaps(), t.anomalies(),
                t.forks(), t.quarantined() ? ", QUARANTINED (score 10)" : "");
        return CommandResult.of(text, t.parts());
    }
}
