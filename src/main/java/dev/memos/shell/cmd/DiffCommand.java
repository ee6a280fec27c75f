package dev.memos.shell.cmd;

import dev.memos.app.snapshot.SnapshotBrowser;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.List;

/** What changed between two snapshots: added, removed and changed paths with their sizes. */
public final class DiffCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("diff")
            .group("backup")
            .summary("Compare two snapshots: added (+), removed (-) and changed (M content, m mode only) paths with sizes")
            .option(OptionSpec.positional("from", "the older snapshot: " + LsCommand.SNAPSHOT_HELP).mandatory())
            .option(OptionSpec.positional("to", "the newer snapshot, same forms").mandatory())
            .option(SnapshotSupport.REPO.mandatory())
            .example("diff 1 latest --repo /backups/memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        SnapshotBrowser.DiffResult r = LsCommand.browser(args, ctx).diff(new SnapshotBrowser.DiffRequest(args.require("from"), args.require("to")));
        StringBuilder text = new StringBuilder(String.format("snapshot %d → %d: %d added (%d bytes), %d removed (%d bytes), %d changed",
                r.from().sequence(), r.to().sequence(), r.added().size(), r.addedBytes(), r.removed().size(), r.removedBytes(),
                r.changed().size()));
        lines(text, "+", r.added());
        lines(text, "-", r.removed());
        lines(text, null, r.changed());
        return CommandResult.of(text.toString(), r);
    }

    private static void lines(StringBuilder text, String mark, List<SnapshotBrowser.Change> changes) {
        for (SnapshotBrowser.Change c : changes) {
            String m = mark != null ? mark : c.what().equals("mode") ? "m" : "M";
            String size = c.oldSize() == null ? String.valueOf(c.newSize())
                    : c.newSize() == null ? String.valueOf(c.oldSize()) : c.oldSize() + " → " + c.newSize();
            text.append(String.format("%n%s %s%s  (%s)", m, c.path(), c.type().equals("dir") ? "/" : "", size));
        }
    }
}
