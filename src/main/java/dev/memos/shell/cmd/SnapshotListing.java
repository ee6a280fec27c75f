package dev.memos.shell.cmd;

import dev.memos.app.backup.ArweaveRepository;
import dev.memos.app.backup.SnapshotRestores;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Context;
import dev.memos.snapshot.Snapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The snapshot rows of 'list' (FORMAT.md §14.9); the fork warning over rows of both kinds is BackupListing.forks. */
final class SnapshotListing {
    record Row(long sequence, long unixTime, String txId, long size, String snapshotId) {
    }

    private SnapshotListing() {
    }

    static List<Row> rows(Args args, Context ctx, EthPrivateKey key) {
        ArweaveRepository repo = SnapshotSupport.network(args, ctx, key, new ArrayList<>());
        List<Row> out = new ArrayList<>();
        for (Snapshots.Listed l : new SnapshotRestores(ctx.home(), key).history(repo).snapshots()) {
            out.add(new Row(l.snapshot().sequence(), Instant.parse(l.snapshot().createdAt()).getEpochSecond(),
                    repo.txId("snapshot", l.id()).orElse(""), l.storedBytes(), l.id()));
        }
        return out;
    }
}
