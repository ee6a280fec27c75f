package dev.memos.shell.cmd;

import dev.memos.app.snapshot.BackupPricing;
import dev.memos.app.snapshot.SnapshotEstimator;
import dev.memos.app.snapshot.SpendCap;
import dev.memos.audit.AuditEvents;
import dev.memos.backup.RollbackIndex;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.snapshot.EmptyRepository;
import dev.memos.snapshot.LocalRepository;
import dev.memos.snapshot.PathFilter;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotBackup;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.SnapshotRestore;
import dev.memos.snapshot.SnapshotResult;
import dev.memos.snapshot.Snapshots;
import dev.memos.store.HomeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --repo DIR} paths of backup, restore and snapshots (FORMAT.md §14): deduplicated
 * snapshots in a local folder. Parsing and rendering only; the work is dev.memos.snapshot's.
 */
final class SnapshotSupport {
    static final OptionSpec REPO = OptionSpec.value("repo", "DIR",
            "use a local snapshot repository (deduplicated, FORMAT.md §14) instead of Arweave").completes(OptionSpec.Completion.DIRECTORY);

    static final OptionSpec EXCLUDE = OptionSpec.value("exclude", "GLOB",
            "leave out paths matching GLOB (repeatable; also read from .memosignore in the folder; syntax: FORMAT.md §14.9)").many();
    static final OptionSpec INCLUDE = OptionSpec.value("include", "GLOB",
            "restore only paths matching GLOB and what lies below them (repeatable; syntax: FORMAT.md §14.9)").many();

    private SnapshotSupport() {
    }

    static Path cacheFile(Context ctx, EthPrivateKey key) {
        return ctx.home().resolve("cache").resolve("snapshot-" + key.address().lowercase() + ".json");
    }

    /** Options of the Arweave path that mean nothing for a local repository are refused by name. */
    static void refuseWithRepo(Args args, String command, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                throw MemosException.usage(command + " --repo does not take --" + n + ": it stores into the folder only");
            }
        }
    }

    /** Snapshot-only options on the single-bundle path are refused by name rather than ignored. */
    static void requireRepo(Args args, String command, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                throw MemosException.usage(command + " --" + n + " works with snapshot backups: add --repo DIR");
            }
        }
    }

    static final OptionSpec MAX_SPEND = OptionSpec.value("max-spend", "AMOUNT",
            "refuse (exit 6, nothing written) if storing the new bytes would cost more, e.g. 0.05AR; priced by the node");

    static CommandResult backup(Args args, Context ctx) {
        refuseWithRepo(args, "backup", "turbo", "x402", "wallet", "force");
        Path input = args.requirePath("input");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        boolean dry = args.flag("dry-run");
        Optional<SpendCap> cap = args.get("max-spend").map(SpendCap::parse);
        PathFilter exclude = PathFilter.ofOption("exclude", args.all("exclude"));
        Path dir = args.requirePath("repo");
        Repository repo = dry && !Files.exists(dir) ? new EmptyRepository("repository " + dir + " (not created yet)")
                : LocalRepository.open(dir, !dry);
        RollbackIndex index = RollbackIndex.forHome(ctx.home());
        SnapshotResult r;
        java.util.Optional<dev.memos.app.identity.IdentityBackup.Prepared> ids;
        try (SnapshotKeys keys = SnapshotKeys.derive(key)) {
            SnapshotBackup.Builder b = SnapshotBackup.builder().keys(keys).signer(EthSigner.of(key)).repository(repo)
                    .cacheFile(cacheFile(ctx, key)).clock(ctx.clock()).exclude(exclude);
            index.latest(keys.address()).ifPresent(e -> b.known(e.sequence(), e.manifestSha256()));
            ids = IdentityArchiveSupport.attach(args, ctx, keys, b);
            if (dry || cap.isPresent()) {
                var net = ArweaveSupport.network(ctx);
                SnapshotEstimator.Estimate e = SnapshotEstimator.builder()
                        .pricing(BackupPricing.builder().winstonFor(n -> net.retry().run(() -> net.node().price(n))).build()).build()
                        .estimate(b.dryRun(true).build(), input, cap);
                if (dry) {
                    return dryRunResult(e, repo);
                }
                b.dryRun(false);
            }
            ctx.home().ensure();
            // One backup per home at a time: two at once would publish the same sequence twice (a fork).
            try (HomeLock lock = index.lock()) {
                r = b.build().run(input);
                index.recordLocked(keys.address(), r.sequence(), r.snapshotSha256());
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + input + ": " + e.getMessage(), e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("outcome", "stored");
        data.put("snapshot_id", r.snapshotId());
        data.put("sequence", r.sequence());
        data.put("files", r.files());
        data.put("total_bytes", r.totalBytes());
        data.put("new_bytes", r.newBytes());
        data.put("uploaded_bytes", r.storedBytes());
        data.put("packs_uploaded", r.packsWritten());
        data.put("reused_chunks", r.reusedChunks());
        data.put("repo", repo.describe());
        data.put("identities", ids.map(p -> p.identities().stream().map(c -> c.id()).toList()).orElse(List.of()));
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("outcome", "stored");
        audit.put("sequence", Long.toString(r.sequence()));
        audit.put("tx_id", "");
        audit.put("bytes", Long.toString(r.storedBytes()));
        audit.put("bundle_sha256", "");
        audit.put("snapshot_id", r.snapshotId());
        audit.put("profile", "repo");
        List<String> warnings = new ArrayList<>(ctx.audit(AuditEvents.BACKUP, audit));
        String text = "snapshot " + r.sequence() + " stored in " + repo.describe() + ": " + r.snapshotId() + " (" + r.files()
                + " files, " + r.newBytes() + " new bytes in " + r.packsWritten() + " pack(s), " + r.storedBytes()
                + " bytes written, " + r.reusedChunks() + " chunks reused)"
                + ids.map(p -> "; " + p.identities().size() + " identit" + (p.identities().size() == 1 ? "y" : "ies") + " carried").orElse("");
        return CommandResult.of(text, data).withWarnings(warnings);
    }

    private static CommandResult dryRunResult(SnapshotEstimator.Estimate e, Repository repo) {
        String price = e.price() != null ? e.price().ar() + " AR (" + e.price().winston() + " winston) to store on Arweave"
                : "price unavailable: " + e.priceUnavailable();
        return CommandResult.of("dry run, nothing written: snapshot " + e.sequence() + " into " + repo.describe() + " would store "
                + e.newBytes() + " new bytes in " + e.packsUploaded() + " pack(s), " + e.uploadedBytes() + " bytes in all ("
                + e.files() + " files, " + e.reusedChunks() + " chunks reused); " + price, e);
    }

    static CommandResult restore(Args args, Context ctx) {
        refuseWithRepo(args, "restore", "tx-id", "wallet");
        boolean latest = args.flag("latest");
        if (latest == args.has("snapshot")) {
            throw MemosException.usage("restore --repo takes exactly one of --latest and --snapshot ID");
        }
        boolean identities = args.flag("identities");
        Path out = identities && !args.has("out") ? null : args.requirePath("out");
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        ctx.home().ensure();
        LocalRepository repo = LocalRepository.open(args.requirePath("repo"), false);
        try (SnapshotKeys keys = SnapshotKeys.derive(key)) {
            Snapshots.Listed s = latest
                    ? Snapshots.latest(repo, keys).orElseThrow(() -> MemosException.usage("no snapshot in " + repo.describe()
                            + ": back up into it first"))
                    : Snapshots.byId(repo, keys, args.require("snapshot").strip());
            RollbackIndex index = RollbackIndex.forHome(ctx.home());
            List<String> warnings = new ArrayList<>();
            index.check(keys.address(), s.snapshot().sequence(), s.snapshot().sha256(), "snapshot", args.flag("ignore-rollback"))
                    .ifPresent(warnings::add);
            dev.memos.app.identity.IdentityRestore.Result ir = identities
                    ? IdentityArchiveSupport.restore(ctx, repo, keys, s, args.flag("force"), warnings) : null;
            if (out == null) {
                try (HomeLock lock = index.lock()) {
                    index.recordLocked(keys.address(), s.snapshot().sequence(), s.snapshot().sha256());
                }
                return CommandResult.of("restored from snapshot " + s.snapshot().sequence() + " (" + s.id() + "): "
                        + IdentityArchiveSupport.describe(ir), Map.of("snapshot_id", s.id(), "sequence", s.snapshot().sequence(),
                        "identities", ir.identities())).withWarnings(warnings);
            }
            SnapshotRestore.Result r = new SnapshotRestore(keys, repo).restore(s, out, args.flag("force"),
                    PathFilter.ofOption("include", args.all("include")));
            try (HomeLock lock = index.lock()) {
                index.recordLocked(keys.address(), r.sequence(), s.snapshot().sha256());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("snapshot_id", r.snapshotId());
            data.put("sequence", r.sequence());
            data.put("out", r.destination().toString());
            data.put("files", r.files());
            data.put("bytes", r.bytes());
            data.put("packs_read", r.packsRead());
            if (ir != null) {
                data.put("identities", ir.identities());
            }
            Map<String, String> audit = new LinkedHashMap<>();
            audit.put("outcome", "restored");
            audit.put("tx_id", "");
            audit.put("snapshot_id", r.snapshotId());
            audit.put("out", r.destination().toString());
            audit.put("sequence", Long.toString(r.sequence()));
            audit.put("files", Long.toString(r.files()));
            audit.put("bundle_sha256", "");
            warnings.addAll(ctx.audit(AuditEvents.RESTORE, audit));
            return CommandResult.of("restored snapshot " + r.sequence() + " (" + r.snapshotId() + ", " + r.files() + " files, "
                    + r.packsRead() + " pack(s) read) to " + r.destination() + (ir == null ? "" : "; " + IdentityArchiveSupport.describe(ir)), data).withWarnings(warnings);
        } catch (IOException e) {
            throw MemosException.failure("cannot restore to " + out + ": " + e.getMessage(), e);
        }
    }
}
