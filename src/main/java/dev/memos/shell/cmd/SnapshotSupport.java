package dev.memos.shell.cmd;

import dev.memos.app.backup.ArweaveRepository;
import dev.memos.app.snapshot.BackupPricing;
import dev.memos.app.snapshot.SnapshotEstimator;
import dev.memos.app.snapshot.SpendCap;
import dev.memos.app.backup.SnapshotBackups;
import dev.memos.app.backup.SnapshotRestores;
import dev.memos.app.backup.BundleRestores;
import dev.memos.app.backup.BackupState;
import dev.memos.arweave.Network;
import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.EmptyRepository;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.PathFilter;
import dev.memos.snapshot.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot paths of backup and restore (FORMAT.md §14): a local folder with {@code --repo DIR},
 * Arweave otherwise. Parsing and rendering only; the work is dev.memos.app.backup's.
 */
final class SnapshotSupport {
    static final OptionSpec REPO = OptionSpec.value("repo", "DIR",
            "use a local snapshot repository (deduplicated, FORMAT.md §14) instead of Arweave").completes(OptionSpec.Completion.DIRECTORY);
    static final OptionSpec SNAPSHOT = OptionSpec.value("snapshot", "ID", "the snapshot to restore (see 'snapshots')");

    private SnapshotSupport() {
    }

    /** Options of the Arweave path that mean nothing for a local repository are refused by name. */
    static void refuseWithRepo(Args args, String command, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                throw MemosException.usage(command + " --repo does not take --" + n + ": it stores into the folder only");
            }
        }
    }

    /** {@code --repo DIR}, else this profile's Arweave network; uploads (if any) are paid as backup's options say. */
    static Repository repository(Args args, Context ctx, EthPrivateKey key, boolean create, List<String> warnings) {
        if (args.has("repo")) {
            return LocalRepository.open(args.requirePath("repo"), create);
        }
        return network(args, ctx, key, warnings);
    }

    static ArweaveRepository network(Args args, Context ctx, EthPrivateKey key, List<String> warnings) {
        Network net = ArweaveSupport.network(ctx);
        Path work = new BackupState(ctx.home().ensure()).workDir();
        return ArweaveRepository.builder().uploader(() -> ArweaveSupport.uploader(args, ctx, key, work, warnings))
                .readBack(ArweaveSupport.readBack(ctx)).discovery(net.discovery()).downloader(net.downloader()).gateways(net.gateways())
                .owners(ArweaveSupport.owners(args, ctx, key)).workDir(work).clock(ctx.clock())
                .name("arweave (" + ctx.profile().name() + ")").build();
    }

    static BundleRestores bundles(Args args, Context ctx, EthPrivateKey key) {
        return BundleRestores.builder().home(ctx.home()).key(key).network(ArweaveSupport.network(ctx))
                .owners(ArweaveSupport.owners(args, ctx, key)).txIdsFile(ArweaveSupport.txIds(ctx)).build();
    }

    static final OptionSpec EXCLUDE = OptionSpec.value("exclude", "GLOB",
            "leave out paths matching GLOB (repeatable; also read from .memosignore in the folder; syntax: FORMAT.md §14.9)").many();
    static final OptionSpec INCLUDE = OptionSpec.value("include", "GLOB",
            "restore only paths matching GLOB and what lies below them (repeatable; syntax: FORMAT.md §14.9)").many();
    static final OptionSpec MAX_SPEND = OptionSpec.value("max-spend", "AMOUNT",
            "refuse (exit 6, nothing written) if storing the new bytes would cost more, e.g. 0.05AR; priced by the node");

    /** Snapshot-only options on the single-bundle path are refused by name rather than ignored. */
    static void requireSnapshots(Args args, String command, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                throw MemosException.usage(command + " --" + n + " works with snapshot backups: drop --format bundle");
            }
        }
    }

    static CommandResult backup(Args args, Context ctx) {
        boolean local = args.has("repo");
        if (local) {
            refuseWithRepo(args, "backup", "turbo", "x402", "wallet", "force");
        }
        Path input = args.requirePath("input");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        List<String> warnings = new ArrayList<>();
        boolean dry = args.flag("dry-run");
        Optional<SpendCap> cap = args.get("max-spend").map(SpendCap::parse);
        Path dir = local ? args.requirePath("repo") : null;
        Repository repo = dry && local && !Files.exists(dir) ? new EmptyRepository("repository " + dir + " (not created yet)")
                : repository(args, ctx, key, !dry, warnings);
        SnapshotBackups.ChainHead head = local ? () -> null : () -> bundles(args, ctx, key).adoptChainHeadNotice();
        SnapshotBackups service = SnapshotBackups.builder().home(ctx.home()).key(key).clock(ctx.clock()).chainHead(head).build();
        SnapshotBackups.Request req = new SnapshotBackups.Request(input, repo, PathFilter.ofOption("exclude", args.all("exclude")),
                !args.flag("no-identities"));
        if (dry || cap.isPresent()) {
            var net = ArweaveSupport.network(ctx);
            BackupPricing pricing = BackupPricing.builder().winstonFor(n -> net.retry().run(() -> net.node().price(n))).build();
            SnapshotEstimator.Estimate e = service.estimate(req, pricing, cap);
            if (dry) {
                return dryRunResult(e, repo);
            }
        }
        SnapshotBackups.Result r = service.backup(req);
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("outcome", "stored");
        audit.put("sequence", Long.toString(r.sequence()));
        audit.put("tx_id", repo instanceof ArweaveRepository a ? a.txId("snapshot", r.snapshotId()).orElse("") : "");
        audit.put("bytes", Long.toString(r.uploadedBytes()));
        audit.put("bundle_sha256", "");
        audit.put("snapshot_id", r.snapshotId());
        audit.put("profile", local ? "repo" : ctx.profile().name());
        warnings.addAll(r.warnings());
        warnings.addAll(ctx.audit(AuditEvents.BACKUP, audit));
        if (!local) {
            // The identity's key goes public with its first backup, so verifiers elsewhere can bind its ID to it.
            InceptionSupport.afterBackup(ctx, warnings);
        }
        int carried = r.identities().size();
        String text = "snapshot " + r.sequence() + " stored in " + r.repository() + ": " + r.snapshotId() + " (" + r.files()
                + " files, " + r.newBytes() + " new bytes in " + r.packsUploaded() + " pack(s), " + r.uploadedBytes()
                + " bytes " + (local ? "written" : "uploaded, read back and verified") + ", " + r.reusedChunks() + " chunks reused)"
                + (carried == 0 ? "" : "; " + carried + " identit" + (carried == 1 ? "y" : "ies") + " carried");
        return CommandResult.of(text, r).withWarnings(warnings);
    }

    private static CommandResult dryRunResult(SnapshotEstimator.Estimate e, Repository repo) {
        String price = e.price() != null ? e.price().ar() + " AR (" + e.price().winston() + " winston) to store on Arweave"
                : "price unavailable: " + e.priceUnavailable();
        return CommandResult.of("dry run, nothing written: snapshot " + e.sequence() + " into " + repo.describe() + " would store "
                + e.newBytes() + " new bytes in " + e.packsUploaded() + " pack(s), " + e.uploadedBytes() + " bytes in all ("
                + e.files() + " files, " + e.reusedChunks() + " chunks reused); " + price, e);
    }

    static CommandResult restore(Args args, Context ctx, Repository repo, EthPrivateKey key, String snapshotId) {
        boolean identities = args.flag("identities");
        Path out = identities && !args.has("out") ? null : args.requirePath("out");
        SnapshotRestores.IdentityStep step = !identities ? null
                : (keys, r, s, warnings) -> IdentityArchiveSupport.restore(ctx, r, keys, s, args.flag("force"), warnings);
        SnapshotRestores.Result r = new SnapshotRestores(ctx.home(), key)
                .restore(new SnapshotRestores.Request(repo, snapshotId, out, args.flag("force"), args.flag("ignore-rollback"),
                        PathFilter.ofOption("include", args.all("include")), step));
        if (out == null) {
            return CommandResult.of("restored from snapshot " + r.sequence() + " (" + r.snapshotId() + "): "
                    + IdentityArchiveSupport.describe(r.identities()), r).withWarnings(r.warnings());
        }
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("outcome", "restored");
        audit.put("tx_id", repo instanceof ArweaveRepository a ? a.txId("snapshot", r.snapshotId()).orElse("") : "");
        audit.put("snapshot_id", r.snapshotId());
        audit.put("out", r.out());
        audit.put("sequence", Long.toString(r.sequence()));
        audit.put("files", Long.toString(r.files()));
        audit.put("bundle_sha256", "");
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(ctx.audit(AuditEvents.RESTORE, audit));
        return CommandResult.of("restored snapshot " + r.sequence() + " (" + r.snapshotId() + ", " + r.files() + " files, "
                + r.packsRead() + " pack(s) read) to " + r.out() + (r.identities() == null ? "" : "; " + IdentityArchiveSupport.describe(r.identities())), r)
                .withWarnings(warnings);
    }
}
