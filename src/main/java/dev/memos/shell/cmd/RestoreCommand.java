package dev.memos.shell.cmd;

import dev.memos.arweave.ArweaveId;
import dev.memos.app.backup.LatestBackup;
import dev.memos.app.backup.BundleRestores;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Path;
import dev.memos.audit.AuditEvents;
import dev.memos.error.ErrorKind;
import dev.memos.shell.IdentityResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class RestoreCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("restore")
            .group("backup")
            .summary("Download a backup (by id, or the latest verified one), verify it and restore it atomically")
            .option(OptionSpec.value("tx-id", "ID", "the single-bundle backup to restore").completes(OptionSpec.Completion.TX_ID))
            .option(OptionSpec.flag("latest", "the highest verified sequence for this key: snapshot, bundle or original MemOS backup"))
            .option(OptionSpec.value("out", "DIR", "where to restore (optional with --identities)").completes(OptionSpec.Completion.DIRECTORY))
            .option(OptionSpec.flag("force", "replace an existing non-empty folder"))
            .option(OptionSpec.flag("ignore-rollback", "restore even if a newer backup is known (warns)"))
            .option(ArweaveSupport.WALLET)
            .option(SnapshotSupport.REPO).option(IdentityArchiveSupport.IDENTITIES)
            .option(SnapshotSupport.SNAPSHOT)
            .option(SnapshotSupport.INCLUDE)
            .example("restore --latest --out ~/agent/memory")
            .example("restore --snapshot ID --out ~/agent/memory")
            .example("restore --repo /backups/memos --latest --out ~/agent/memory")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        boolean latest = args.flag("latest");
        int ways = (latest ? 1 : 0) + (args.has("tx-id") ? 1 : 0) + (args.has("snapshot") ? 1 : 0);
        if (ways != 1) {
            throw MemosException.usage("pass exactly one of --latest, --snapshot ID and --tx-id ID");
        }
        if (args.has("repo")) {
            SnapshotSupport.refuseWithRepo(args, "restore", "tx-id", "wallet");
            EthPrivateKey key = ArweaveSupport.ethKey(ctx);
            return SnapshotSupport.restore(args, ctx, SnapshotSupport.repository(args, ctx, key, false, new ArrayList<>()), key,
                    args.get("snapshot").orElse(null));
        }
        if (!args.has("tx-id")) {
            EthPrivateKey key = ArweaveSupport.ethKey(ctx);
            var repo = SnapshotSupport.network(args, ctx, key, new ArrayList<>());
            if (args.has("snapshot")) {
                return SnapshotSupport.restore(args, ctx, repo, key, args.get("snapshot").get());
            }
            // --latest: the newest verified backup of any kind (a new home may hold only old bundles or original MemOS ones)
            LatestBackup.Newest newest = LatestBackup.newest(ctx.home(), key, repo, SnapshotSupport.bundles(args, ctx, key));
            java.util.Optional<CommandResult> original = LegacySupport.restoreLatest(args, ctx, key, newest::highest);
            if (original.isPresent()) {
                return original.get();
            }
            if (newest.snapshotWins()) {
                return SnapshotSupport.restore(args, ctx, repo, key, null);
            }
        }
        if (!latest) {
            // before the key or the network: a typo must not reach a gateway (whose error page reads as data)
            ArweaveId.require(args.require("tx-id").strip(), "--tx-id");
        }
        for (String n : List.of("include", "identities")) {
            if (args.has(n)) {
                throw MemosException.usage("restore --" + n + " works with snapshot backups; this one is a single bundle");
            }
        }
        Path out = args.requirePath("out");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        ctx.home().ensure();
        BundleRestores restore = SnapshotSupport.bundles(args, ctx, key);
        boolean ignoreRollback = args.flag("ignore-rollback");
        String asked = latest ? "latest" : args.require("tx-id").strip();
        BundleRestores.Outcome o;
        try {
            o = latest
                    ? restore.restoreLatest(out, args.flag("force"), ignoreRollback)
                    : restore.restore(asked, out, args.flag("force"), ignoreRollback);
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.AUTH) {
                // the key was refused by the bundle (made for another key): an unlock that failed
                IdentityResolver.unlockFailed(ctx, "ethereum-key", "restore " + asked, e);
            }
            if (ignoreRollback) {
                ctx.audit(AuditEvents.RESTORE_IGNORE_ROLLBACK, details("tx_id", asked, out, "failed", null));
            }
            throw e;
        }
        List<String> warnings = new ArrayList<>();
        warnings.addAll(ctx.audit(AuditEvents.RESTORE, details("tx_id", o.txId(), out, "restored", o.result())));
        if (ignoreRollback) {
            warnings.addAll(ctx.audit(AuditEvents.RESTORE_IGNORE_ROLLBACK, details("tx_id", o.txId(), out, "restored", o.result())));
        }
        String text = "restored backup " + o.result().manifest().sequence() + " (" + o.txId() + ", "
                + o.result().manifest().fileCount() + " files) to " + o.result().destination()
                + (latest ? "; " + o.candidates() + " candidate(s) checked, " + o.rejected().size() + " rejected" : "");
        return CommandResult.of(text, o.restored()).withWarnings(o.result().warnings()).withWarnings(warnings);
    }

    /** Details of a restore event; {@code source} is the tx id ({@code restore}) or the bundle file ({@code unpack}). */
    static Map<String, String> details(String sourceKey, String source, Path out, String outcome,
                                       dev.memos.backup.RestoreResult r) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("outcome", outcome);
        d.put(sourceKey, source);
        d.put("out", out.toAbsolutePath().normalize().toString());
        if (r != null) {
            d.put("sequence", Long.toString(r.manifest().sequence()));
            d.put("files", Long.toString(r.manifest().fileCount()));
            d.put("bundle_sha256", r.bundleSha256());
        }
        return d;
    }
}
