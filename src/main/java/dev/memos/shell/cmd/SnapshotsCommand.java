package dev.memos.shell.cmd;

import dev.memos.app.backup.SnapshotRestores;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.snapshot.BlobRef;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lists the verified snapshots of a repository with what each one added (FORMAT.md §14). */
public final class SnapshotsCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("snapshots")
            .group("backup")
            .summary("List this key's snapshots on Arweave (or in --repo DIR): sequence, time, id, files, bytes, new bytes")
            .option(SnapshotSupport.REPO)
            .option(ArweaveSupport.WALLET)
            .example("snapshots")
            .example("snapshots --repo /backups/memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        EthPrivateKey key = ArweaveSupport.ethKey(ctx);
        Repository repo = SnapshotSupport.repository(args, ctx, key, false, new ArrayList<>());
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format("%-4s %-20s %-16s %7s %12s %12s%n", "SEQ", "TIME", "ID", "FILES", "BYTES", "NEW BYTES"));
        SnapshotRestores.History history = new SnapshotRestores(ctx.home(), key).history(repo);
        Set<String> seen = new HashSet<>();
        for (Snapshots.Listed l : history.snapshots()) {
            long fresh = 0;
            for (BlobRef r : l.snapshot().index().values()) {
                if (seen.add(r.chunkId())) {
                    fresh += r.rawLength();
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sequence", l.snapshot().sequence());
            row.put("time", l.snapshot().createdAt());
            row.put("snapshot_id", l.id());
            row.put("files", l.snapshot().fileCount());
            row.put("bytes", l.snapshot().totalBytes());
            row.put("new_bytes", fresh);
            rows.add(row);
            text.append(String.format("%-4d %-20s %-16s %7d %12d %12d%n", l.snapshot().sequence(), l.snapshot().createdAt(),
                    l.id().substring(0, 16), l.snapshot().fileCount(), l.snapshot().totalBytes(), fresh));
        }
        if (rows.isEmpty()) {
            return CommandResult.of("no snapshot in " + repo.describe(), Map.of("snapshots", rows)).withWarnings(history.warnings());
        }
        return CommandResult.of(text.toString().stripTrailing(), Map.of("snapshots", rows)).withWarnings(history.warnings());
    }
}
