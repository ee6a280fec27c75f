package dev.memos.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finding snapshots in a repository: every one verified, newest = highest sequence (FORMAT.md §14.7). */
public final class Snapshots {
    /**
     * The top-level tree name reserved for data a snapshot carries beside the folder (the identity
     * archive, FORMAT.md §14.10): never restored into the destination, refused in a backed-up folder.
     */
    public static final String RESERVED = ".memos-identities";

    /** True for the reserved entry and everything under it. */
    public static boolean reserved(String path) {
        return path.equals(RESERVED) || path.startsWith(RESERVED + "/");
    }

    /** A verified snapshot and its id. */
    public record Listed(String id, Snapshot snapshot, long storedBytes) {
    }

    private Snapshots() {
    }

    /**
     * Every snapshot of the repository, verified, oldest first. One that does not verify is an error:
     * skipping it could hide a newer backup behind an older one.
     */
    public static List<Listed> all(Repository repo, SnapshotKeys keys) {
        List<Listed> out = new ArrayList<>();
        for (String id : repo.snapshotIds()) {
            byte[] bytes = repo.readSnapshot(id);
            out.add(new Listed(id, SnapshotCodec.read(bytes, id, keys), bytes.length));
        }
        out.sort(Comparator.comparingLong((Listed l) -> l.snapshot().sequence()).thenComparing(Listed::id));
        return out;
    }

    public static Optional<Listed> latest(Repository repo, SnapshotKeys keys) {
        List<Listed> all = all(repo, keys);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public static Listed byId(Repository repo, SnapshotKeys keys, String id) {
        LocalRepository.checkId(id);
        byte[] bytes = repo.readSnapshot(id);
        return new Listed(id, SnapshotCodec.read(bytes, id, keys), bytes.length);
    }
}
