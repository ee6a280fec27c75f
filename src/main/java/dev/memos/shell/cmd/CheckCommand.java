package dev.memos.shell.cmd;

import dev.memos.app.backup.SnapshotCheck;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;

/** Checks that every snapshot's packs exist (and, with --read-data, verify): FORMAT.md §14.9. */
public final class CheckCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("check")
            .group("backup")
            .summary("Check every snapshot's packs are on Arweave (or in --repo DIR); --read-data downloads and verifies them")
            .option(OptionSpec.flag("read-data", "also download every pack and verify every chunk"))
            .option(SnapshotSupport.REPO)
            .option(ArweaveSupport.WALLET)
            .example("check")
            .example("check --read-data --repo /backups/memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        var repo = SnapshotSupport.repository(args, ctx, key, false, new ArrayList<>());
        SnapshotCheck.Result r = new SnapshotCheck(key).run(new SnapshotCheck.Request(repo, args.flag("read-data")));
        return CommandResult.of("no errors: " + r.snapshots() + " snapshot(s), " + r.packs() + " pack(s) present in " + repo.describe()
                + (args.flag("read-data") ? ", " + r.packsRead() + " read and " + r.blobsVerified() + " chunk(s) verified" : ""), r);
    }
}
