package dev.memos.shell.cmd;

import dev.memos.app.legacy.LegacyDiscovery;
import dev.memos.app.legacy.LegacyMigrate;
import dev.memos.arweave.Network;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.EmptyRepository;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.Repository;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.LongFunction;

public final class MigrateCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("migrate")
            .group("backup")
            .summary("Move the original MemOS's backups into memos snapshots (Arweave, or --repo DIR) that continue their sequence")
            .option(OptionSpec.flag("from-legacy", "migrate the original MemOS's backups of this key (found on Arweave)").mandatory())
            .option(OptionSpec.flag("all", "every original backup, oldest first (default: the newest only)"))
            .option(OptionSpec.value("tx-id", "ID", "only this original manifest item (see 'list')").completes(OptionSpec.Completion.TX_ID))
            .option(OptionSpec.flag("dry-run", "verify and show what would be stored; store nothing"))
            .option(SnapshotSupport.REPO)
            .option(ArweaveSupport.TURBO).option(ArweaveSupport.X402).option(ArweaveSupport.UPLOAD_WALLET)
            .option(ArweaveSupport.X402_MAX).option(ArweaveSupport.X402_NETWORK)
            .example("migrate --from-legacy --all --dry-run")
            .example("migrate --from-legacy --all")
            .example("migrate --from-legacy --all --repo /backups/memos")
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
        boolean dry = args.flag("dry-run");
        if (args.has("repo")) {
            SnapshotSupport.refuseWithRepo(args, "migrate", "turbo", "x402", "wallet");
        }
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        ctx.home().ensure();
        Network net = ArweaveSupport.network(ctx);
        Path dir = args.path("repo").orElse(null);
        Repository repo = dir == null ? SnapshotSupport.network(args, ctx, key, new ArrayList<>())
                : dry && !Files.exists(dir) ? new EmptyRepository("repository " + dir + " (not created yet)") : LocalRepository.open(dir, !dry);
        LongFunction<BigInteger> price = dir == null ? n -> net.retry().run(() -> net.node().price(n)) : null;
        LegacyMigrate.Result r = new LegacyMigrate(key, new LegacyDiscovery(key, net), ctx.home(), ctx.clock())
                .migrate(new LegacyMigrate.Request(args.flag("all"), args.get("tx-id").map(String::strip), dry, price), repo);
        return LegacyViews.migrated(r);
    }
}
