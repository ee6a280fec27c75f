package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyDiscovery;
import dev.memos.app.legacy.LegacyMigrate;
import dev.memos.backup.RollbackIndex;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.LocalRepository;

public final class MigrateCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("migrate")
            .group("backup")
            .summary("Move the original MemOS's backups into memos snapshots that continue their sequence")
            .option(OptionSpec.flag("from-legacy", "migrate the original MemOS's backups of this key (found on Arweave)").mandatory())
            .option(OptionSpec.flag("all", "every original backup, oldest first (default: the newest only)"))
            .option(OptionSpec.value("tx-id", "ID", "only this original manifest item (see 'list')").completes(OptionSpec.Completion.TX_ID))
            .option(OptionSpec.flag("dry-run", "verify and show what would be stored; store nothing"))
            .option(SnapshotSupport.REPO.mandatory())
            .example("migrate --from-legacy --all --repo /backups/memos --dry-run")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        if (args.flag("all") && args.has("tx-id")) {
            throw MemosException.usage("pass at most one of --all and --tx-id ID");
        }
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        ctx.home().ensure();
        LegacyMigrate.Result r = new LegacyMigrate(key, new LegacyDiscovery(key, ArweaveSupport.network(ctx)),
                RollbackIndex.forHome(ctx.home()), ctx.home().resolve("work"), ctx.clock())
                .migrate(new LegacyMigrate.Request(args.flag("all"), args.get("tx-id").map(String::strip), args.flag("dry-run")),
                        LocalRepository.open(args.requirePath("repo"), !args.flag("dry-run")));
        return LegacyViews.migrated(r);
    }
}
