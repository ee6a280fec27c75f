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
import java.util.Map;
import java.util.TreeMap;

/** The snapshot rows of 'list' (FORMAT.md §14.9), and the fork warning over rows of both kinds. */
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

    /** One warning per sequence that two verified backups carry: a fork (two homes, or an old race), shown, never hidden. */
    static List<String> forks(List<Map<String, Object>> rows) {
        Map<Long, List<String>> bySeq = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            if ("verified".equals(r.get("verification")) && r.get("sequence") instanceof Long seq) {
                bySeq.computeIfAbsent(seq, k -> new ArrayList<>()).add(String.valueOf(r.get("tx_id")));
            }
        }
        List<String> out = new ArrayList<>();
        bySeq.forEach((seq, ids) -> {
            if (ids.size() > 1) {
                out.add("sequence " + seq + " was published " + ids.size() + " times (" + String.join(", ", ids)
                        + "): the chain forked (two homes, or backups from before the home lock); the next backup chains after the newest and records the other snapshots as siblings");
            }
        });
        return out;
    }
}
