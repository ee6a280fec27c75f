package dev.memos.shell.cmd;

import dev.memos.arweave.ArweaveRestore;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

public final class RestoreCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("restore")
            .group("backup")
            .summary("Download a backup (by id, or the latest verified one), verify it and restore it atomically")
            .option(OptionSpec.value("tx-id", "ID", "the backup to restore").completes(OptionSpec.Completion.TX_ID))
            .option(OptionSpec.flag("latest", "find the highest verified sequence for this key"))
            .option(OptionSpec.value("out", "DIR", "where to restore").mandatory().completes(OptionSpec.Completion.DIRECTORY))
            .option(OptionSpec.flag("force", "replace an existing non-empty folder"))
            .option(OptionSpec.flag("ignore-rollback", "restore even if a newer backup is known (warns)"))
            .option(ArweaveSupport.WALLET)
            .example("restore --latest --out ~/agent/memory")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        boolean latest = args.flag("latest");
        if (latest == args.has("tx-id")) {
            throw MemosException.usage("pass exactly one of --tx-id ID and --latest");
        }
        Path out = args.requirePath("out");
        EthPrivateKey key = ctx.session().ethKey();
        ctx.home().ensure();
        ArweaveRestore restore = new ArweaveRestore(ctx.home(), key, ArweaveSupport.network(ctx),
                ArweaveSupport.owners(args, ctx, key), ArweaveSupport.txIds(ctx));
        ArweaveRestore.Outcome o = latest
                ? restore.restoreLatest(out, args.flag("force"), args.flag("ignore-rollback"))
                : restore.restore(args.require("tx-id").strip(), out, args.flag("force"), args.flag("ignore-rollback"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tx_id", o.txId());
        data.put("sequence", o.result().manifest().sequence());
        data.put("out", o.result().destination().toString());
        data.put("files", o.result().manifest().fileCount());
        data.put("bundle_sha256", o.result().bundleSha256());
        data.put("candidates", o.candidates());
        data.put("rejected", o.rejected());
        String text = "restored backup " + o.result().manifest().sequence() + " (" + o.txId() + ", "
                + o.result().manifest().fileCount() + " files) to " + o.result().destination()
                + (latest ? "; " + o.candidates() + " candidate(s) checked, " + o.rejected().size() + " rejected" : "");
        return CommandResult.of(text, data).withWarnings(o.result().warnings());
    }
}
