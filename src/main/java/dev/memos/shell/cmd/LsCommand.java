package dev.memos.shell.cmd;

import dev.memos.app.snapshot.SnapshotBrowser;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.LocalRepository;

/** Lists the tree of one snapshot, or the part under PATH, from the snapshot object alone. */
public final class LsCommand implements Command {
    static final String SNAPSHOT_HELP = "an id, a unique id prefix (4+ hex digits), a sequence number or 'latest'";
    private static final CommandSpec SPEC = CommandSpec.builder("ls")
            .group("backup")
            .summary("List the files of a snapshot (type, mode, size, time, path); an unknown or ambiguous SNAPSHOT exits 2")
            .option(OptionSpec.positional("snapshot", SNAPSHOT_HELP).mandatory())
            .option(OptionSpec.positional("path", "only this file or folder and what lies below it"))
            .option(SnapshotSupport.REPO.mandatory())
            .example("ls latest --repo /backups/memos")
            .example("ls 3 notes --repo /backups/memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** The browser over --repo DIR (an existing folder) for the unlocked key; shared with diff. */
    static SnapshotBrowser browser(Args args, Context ctx) {
        return SnapshotBrowser.builder().key(ArweaveSupport.ethKey(ctx)).repository(LocalRepository.open(args.requirePath("repo"), false)).build();
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        SnapshotBrowser.LsResult r = browser(args, ctx).ls(new SnapshotBrowser.LsRequest(args.require("snapshot"), args.get("path").orElse(null)));
        StringBuilder text = new StringBuilder("snapshot " + r.sequence() + " " + r.snapshotId().substring(0, 16) + " of "
                + r.createdAt() + ": " + r.entries().size() + " entries");
        for (SnapshotBrowser.Item i : r.entries()) {
            text.append(String.format("%n%-4s %04o %12d %s %s", i.type(), i.mode(), i.size(),
                    java.time.Instant.ofEpochSecond(i.mtime()), i.path() + (i.type().equals("dir") ? "/" : "")));
        }
        return CommandResult.of(text.toString(), r);
    }
}
