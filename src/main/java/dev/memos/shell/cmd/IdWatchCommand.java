package dev.memos.shell.cmd;

import dev.memos.app.identity.HeadWatch;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;

/** {@code id watch}: publish the identity's chain head now and check the published heads for a clone (FORMAT.md §13.5). */
public final class IdWatchCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id watch")
            .group("id")
            .summary("Publish the chain head and check the heads published for this identity's key: a diverging one means a clone (exit 10)")
            .option(OptionSpec.flag("no-publish", "only check; do not upload this copy's head"))
            .example("id watch")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        RingStore store = RingSessions.open(ctx);
        HeadWatch.Result r = HeadWatchSupport.watch(ctx, store.head().id())
                .run(new HeadWatch.Request(store, true, !args.flag("no-publish")));
        if (r.fork()) {
            throw HeadWatchSupport.forkError(r);
        }
        String pub = r.published() ? "published head step " + r.step() + " as " + r.publishedTx() + "; " : "";
        String verdict = r.standing().equals("peer-ahead")
                ? "a published head is ahead of this copy (another device wrote more, or this home was rolled back)"
                : "no clone: every published head of this key fits this copy's chain";
        return CommandResult.of(pub + "compared " + r.headsCompared() + " published head(s), skipped " + r.headsSkipped()
                + " (forged, another identity's, or already resolved): " + verdict, r);
    }
}
