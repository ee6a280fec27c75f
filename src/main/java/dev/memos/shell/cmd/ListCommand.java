package dev.memos.shell.cmd;

import dev.memos.app.backup.BackupListing;
import dev.memos.app.backup.BundleRestores;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public final class ListCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("list")
            .group("backup")
            .summary("List this key's backups on Arweave, snapshots and bundles: sequence (signed), time, id, size, status")
            .option(ArweaveSupport.WALLET)
            .option(OptionSpec.flag("offline", "show only what this home's records and cache know; no network"))
            .example("list --offline")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        BundleRestores restore = SnapshotSupport.bundles(args, ctx, key);
        boolean offline = args.flag("offline");
        LegacySupport.Listing original = offline ? new LegacySupport.Listing(List.of(), java.util.Set.of()) : LegacySupport.list(ctx, key);
        List<BundleRestores.Entry> entries = original.withoutLegacy(offline ? restore.listOffline() : restore.list());
        List<BackupListing.Row> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("%-10s %-20s %-43s %12s  %s", "SEQ", "TIME", "ID", "BYTES", "STATUS"));
        for (BundleRestores.Entry e : entries) {
            rows.add(BackupListing.Row.bundle(e));
            Object seq = e.sequence() != null ? e.sequence() : e.verification().equals("unverified") ? "unverified" : "?";
            text.append('\n').append(String.format("%-10s %-20s %-43s %12d  %s", seq,
                    e.unixTime() == null ? "?" : Instant.ofEpochSecond(e.unixTime()).toString(), e.txId(), e.size(), e.status()));
        }
        List<String> warnings = new ArrayList<>();
        if (!offline) {
            for (SnapshotListing.Row r : SnapshotListing.rows(args, ctx, key)) {
                rows.add(BackupListing.Row.snapshot(r.sequence(), r.unixTime(), r.txId(), r.size(), r.snapshotId()));
                text.append('\n').append(String.format("%-10s %-20s %-43s %12d  %s", r.sequence(),
                        Instant.ofEpochSecond(r.unixTime()).toString(), r.txId(), r.size(), "snapshot " + r.snapshotId().substring(0, 12)));
            }
            warnings.addAll(BackupListing.forks(rows));
        }
        original.appendText(text);
        if (rows.isEmpty() && original.rows().isEmpty()) {
            text.append(offline ? "\n(this home knows no backups of " : "\n(no backups found for ").append(key.address()).append(')');
        }
        return CommandResult.of(text.toString(), new BackupListing(rows, offline, original.rows())).withWarnings(warnings);
    }
}
