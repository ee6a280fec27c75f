package dev.memos.shell.cmd;

import dev.memos.app.backup.ArweaveRepository;
import dev.memos.app.backup.SnapshotBackups;
import dev.memos.app.backup.SnapshotRestores;
import dev.memos.arweave.ArweaveRestore;
import dev.memos.arweave.BackupState;
import dev.memos.arweave.Network;
import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.Repository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static ArweaveRestore bundles(Args args, Context ctx, EthPrivateKey key) {
        return new ArweaveRestore(ctx.home(), key, ArweaveSupport.network(ctx), ArweaveSupport.owners(args, ctx, key), ArweaveSupport.txIds(ctx));
    }

    static CommandResult backup(Args args, Context ctx) {
        boolean local = args.has("repo");
        if (local) {
            refuseWithRepo(args, "backup", "turbo", "x402", "wallet", "dry-run", "force");
        }
        Path input = args.requirePath("input");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        List<String> warnings = new ArrayList<>();
        Repository repo = repository(args, ctx, key, true, warnings);
        SnapshotBackups.ChainHead head = local ? () -> null : () -> bundles(args, ctx, key).adoptChainHead()
                .map(m -> "this home knew no earlier backup: continuing after backup " + m.sequence() + " found on " + ctx.profile().name())
                .orElse(null);
        SnapshotBackups.Result r = SnapshotBackups.builder().home(ctx.home()).key(key).clock(ctx.clock()).chainHead(head).build()
                .backup(new SnapshotBackups.Request(input, repo));
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
        String text = "snapshot " + r.sequence() + " stored in " + r.repository() + ": " + r.snapshotId() + " (" + r.files()
                + " files, " + r.newBytes() + " new bytes in " + r.packsUploaded() + " pack(s), " + r.uploadedBytes()
                + " bytes " + (local ? "written" : "uploaded, read back and verified") + ", " + r.reusedChunks() + " chunks reused)";
        return CommandResult.of(text, r).withWarnings(warnings);
    }

    static CommandResult restore(Args args, Context ctx, Repository repo, EthPrivateKey key, String snapshotId) {
        Path out = args.requirePath("out");
        SnapshotRestores.Result r = new SnapshotRestores(ctx.home(), key)
                .restore(new SnapshotRestores.Request(repo, snapshotId, out, args.flag("force"), args.flag("ignore-rollback")));
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
                + r.packsRead() + " pack(s) read) to " + r.out(), r).withWarnings(warnings);
    }
}
