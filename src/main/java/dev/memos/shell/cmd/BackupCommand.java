package dev.memos.shell.cmd;

import dev.memos.app.backup.BundleBackups;
import dev.memos.app.backup.BackupState;
import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class BackupCommand implements Command {
    static final OptionSpec FORMAT = OptionSpec.value("format", "KIND",
            "snapshot (deduplicated, FORMAT.md §14) or bundle (one whole encrypted bundle, §3; --dry-run prices one)")
            .choices("snapshot", "bundle").defaultsTo("snapshot");
    private static final CommandSpec SPEC = CommandSpec.builder("backup")
            .group("backup")
            .summary("Back up a folder as a deduplicated snapshot on Arweave (only new chunks are uploaded), read back and verified")
            .option(OptionSpec.value("input", "DIR", "the folder to back up").mandatory().completes(OptionSpec.Completion.DIRECTORY))
            .option(ArweaveSupport.TURBO).option(ArweaveSupport.X402).option(ArweaveSupport.UPLOAD_WALLET)
            .option(ArweaveSupport.DRY_RUN).option(ArweaveSupport.X402_MAX).option(ArweaveSupport.X402_NETWORK)
            .option(OptionSpec.flag("force", "--format bundle: upload even if nothing changed since the last backup"))
            .option(SnapshotSupport.REPO).option(SnapshotSupport.EXCLUDE).option(SnapshotSupport.MAX_SPEND)
            .option(IdentityArchiveSupport.NO_IDENTITIES)
            .option(FORMAT)
            .example("backup --input ~/agent/memory")
            .example("backup --input ~/agent/memory --repo /backups/memos")
            .example("backup --input ~/agent/memory --format bundle")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        boolean bundle = args.get("format").orElse("snapshot").equals("bundle");
        if (bundle && args.has("repo")) {
            throw MemosException.usage("backup --repo stores snapshots only: drop --format bundle");
        }
        if (!bundle) {
            return SnapshotSupport.backup(args, ctx);
        }
        SnapshotSupport.requireSnapshots(args, "backup", "exclude", "max-spend", "no-identities");
        Path input = args.requirePath("input");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        ctx.home().ensure();
        Path work = new BackupState(ctx.home()).workDir();
        List<String> warnings = new ArrayList<>();
        BundleBackups backup = BundleBackups.builder().home(ctx.home()).key(key).uploader(ArweaveSupport.uploader(args, ctx, key, work, warnings))
                .readBack(ArweaveSupport.readBack(ctx)).clock(ctx.clock()).txIdsFile(ArweaveSupport.txIds(ctx)).progress(ctx.progress())
                .chainHead(() -> SnapshotSupport.bundles(args, ctx, key).adoptChainHeadNotice()).build();
        BundleBackups.Result r = backup.backup(input, args.flag("dry-run"), args.flag("force"));
        if (r.outcome().equals("uploaded")) {
            r = r.withArweaveUrl(ArweaveSupport.gatewayUrl(ctx, r.txId()));
        }
        String text = switch (r.outcome()) {
            case "uploaded" -> "backup " + r.sequence() + " uploaded: " + r.txId() + " (" + r.bundleBytes() + " bytes, "
                    + r.detail() + "); read back and verified" + ArweaveSupport.describeUpload(r.arweaveUrl(), r.cost());
            default -> r.detail();
        };
        if (!args.flag("dry-run")) {
            Map<String, String> audit = new LinkedHashMap<>();
            audit.put("outcome", r.outcome());
            audit.put("sequence", Long.toString(r.sequence()));
            audit.put("tx_id", r.txId() == null ? "" : r.txId());
            audit.put("bytes", Long.toString(r.bundleBytes()));
            audit.put("bundle_sha256", r.bundleSha256() == null ? "" : r.bundleSha256());
            audit.put("profile", ctx.profile().name());
            warnings.addAll(ctx.audit(AuditEvents.BACKUP, audit));
            // The identity's key goes public with its first backup, so verifiers elsewhere can bind its ID to it.
            InceptionSupport.afterBackup(ctx, warnings);
            // Every backup publishes the chain head and checks the published ones for a clone (exit 10 on a fork).
            warnings.addAll(HeadWatchSupport.afterBackup(ctx, InceptionSupport.usableWithoutPrompt(ctx)));
        }
        return CommandResult.of(text, r).withWarnings(r.warnings()).withWarnings(warnings);
    }
}
