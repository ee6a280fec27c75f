package dev.memos.app.backup;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.snapshot.BlobRef;
import dev.memos.snapshot.PackReader;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code check [--read-data]} (FORMAT.md §14.11): every snapshot verifies, and every chunk of every
 * snapshot lies in a pack the repository has; with {@code readData} every such pack is downloaded
 * and verified whole (SHA-256 = id, header MAC, trailer) and every cited blob opened and checked
 * against its chunk id, as restic's {@code check --read-data}. A snapshot that does not verify
 * stops the check (INTEGRITY); missing packs are NETWORK (exit 5), damaged ones INTEGRITY (exit 4),
 * each named with the snapshots it breaks.
 */
public final class SnapshotCheck {
    public record Request(Repository repository, boolean readData) {
    }

    /** A pack that is missing or damaged, and the snapshots that cite it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Problem(String packId, String problem, List<String> snapshots) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(int snapshots, int packs, int packsRead, long blobsVerified, List<Problem> problems) {
    }

    private final EthPrivateKey key;

    public SnapshotCheck(EthPrivateKey key) {
        this.key = Objects.requireNonNull(key);
    }

    /** Runs the check; throws (naming every problem) when one is found, so the exit code says it. */
    public Result run(Request req) {
        Repository repo = req.repository();
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing ring = KeyRing.open(repo, own, new ArrayList<>())) {
            List<Snapshots.Listed> all = ring.all(repo);
            Map<String, TreeSet<String>> citedBy = new TreeMap<>();
            Map<String, List<BlobRef>> blobs = new TreeMap<>();
            // a pack is read with the keys of the snapshot citing it: an old key's packs after a rotation (§14.12)
            Map<String, SnapshotKeys> packKeys = new TreeMap<>();
            for (Snapshots.Listed l : all) {
                for (BlobRef r : l.snapshot().index().values()) {
                    packKeys.putIfAbsent(r.packId(), ring.keysOf(l.snapshot().address()));
                    citedBy.computeIfAbsent(r.packId(), k -> new TreeSet<>()).add(l.id());
                    blobs.computeIfAbsent(r.packId(), k -> new ArrayList<>()).add(r);
                }
            }
            List<Problem> problems = new ArrayList<>();
            int read = 0;
            long verified = 0;
            for (Map.Entry<String, TreeSet<String>> e : citedBy.entrySet()) {
                String pack = e.getKey();
                if (!repo.hasPack(pack)) {
                    problems.add(new Problem(pack, "missing", List.copyOf(e.getValue())));
                    continue;
                }
                if (!req.readData()) {
                    continue;
                }
                try {
                    byte[] bytes = repo.readPack(pack);
                    SnapshotKeys keys = packKeys.get(pack);
                    read++;
                    PackReader.readIndex(keys, pack, bytes);
                    PackReader reader = PackReader.open(keys, pack, bytes);
                    for (BlobRef r : blobs.get(pack)) {
                        if (r.offset() + r.length() > bytes.length) {
                            throw MemosException.integrity("pack " + pack.substring(0, 12) + " is shorter than a snapshot's index says");
                        }
                        reader.openBlob(r, bytes, (int) r.offset());
                        verified++;
                    }
                } catch (MemosException x) {
                    if (x.kind() != ErrorKind.INTEGRITY && x.kind() != ErrorKind.NETWORK) {
                        throw x;
                    }
                    problems.add(new Problem(pack, x.kind() == ErrorKind.NETWORK ? "missing" : "damaged: " + x.getMessage(),
                            List.copyOf(e.getValue())));
                }
            }
            Result result = new Result(all.size(), citedBy.size(), read, verified, List.copyOf(problems));
            if (!problems.isEmpty()) {
                throw failure(repo, result);
            }
            return result;
        }
    }

    private static MemosException failure(Repository repo, Result r) {
        List<String> lines = new ArrayList<>();
        boolean damaged = false;
        for (Problem p : r.problems()) {
            damaged |= !p.problem().equals("missing");
            lines.add("pack " + p.packId() + " " + p.problem() + " (breaks snapshot" + (p.snapshots().size() == 1 ? " " : "s ")
                    + String.join(", ", p.snapshots()) + ")");
        }
        String msg = r.problems().size() + " of " + r.packs() + " pack(s) in " + repo.describe() + " cannot be used: " + String.join("; ", lines);
        return damaged ? MemosException.integrity(msg) : MemosException.network(msg, null);
    }
}
