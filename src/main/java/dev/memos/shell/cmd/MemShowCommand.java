package dev.memos.shell.cmd;

import dev.memos.app.memory.MemoryResults;
import dev.memos.shell.Services;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.OptionalInt;

public final class MemShowCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mem show")
            .group("mem")
            .summary("Show the memories of the unlocked identity, ring by ring, with the rings' sizes")
            .option(OptionSpec.value("ring", "N", "only ring 0 (hot), 1 (warm) or 2 (cool); ring 3 holds hashes only").choices("0", "1", "2"))
            .example("mem show --ring 0")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        OptionalInt ring = args.get("ring").map(r -> OptionalInt.of(Integer.parseInt(r))).orElse(OptionalInt.empty());
        MemoryResults.Shown r = Services.of(ctx).memories().show(ring);
        RingStore.Status st = r.status();
        StringBuilder text = new StringBuilder(String.format(
                "%s: ring 0 %d (%d bytes), ring 1 %d, ring 2 %d, ring 3 %d months; file %d of %d bytes%s",
                st.id(), st.ring0Entries(), st.ring0Bytes(), st.ring1Entries(), st.ring2Entries(), st.ring3Months(),
                st.fileBytes(), st.budget(), st.quarantined() ? " — QUARANTINED" : ""));
        r.entries().forEach(e -> text.append('\n').append(line(e)));
        return CommandResult.of(text.toString(), r);
    }

    /** One memory on one line; control characters in its text become '?' so a memory cannot drive the terminal. */
    static String line(MemoryResults.Memory e) {
        return String.format("[%d] #%d %s %s%s: %s", e.ring(), e.seq(), e.time(), e.kind(),
                e.flags().isEmpty() ? "" : " " + e.flags(), e.text().replaceAll("\\p{Cntrl}", "?"));
    }
}
