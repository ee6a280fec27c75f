package dev.memos.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /** The newest verified snapshot and the ids of the others that carry its sequence (a fork), oldest id first. */
    public record Newest(Listed listed, List<String> siblings) {
        public Newest {
            siblings = List.copyOf(siblings);
        }
    }

    /**
     * The newest snapshot, reading only the snapshots {@code catalog} does not know yet plus the newest
     * one, which is always read and verified whole. A snapshot that does not verify is an error, as in
     * {@link #all}. What was verified is recorded in the catalog; the caller saves it.
     */
    public static Optional<Newest> newest(Repository repo, SnapshotKeys keys, SnapshotCatalog catalog) {
        Map<String, Listed> read = new HashMap<>();
        Map<String, Long> sequences = new TreeMap<>();
        for (String id : repo.snapshotIds()) {
            Optional<SnapshotCatalog.Entry> known = catalog.get(id);
            if (known.isPresent()) {
                sequences.put(id, known.get().sequence());
            } else {
                Listed l = byId(repo, keys, id);
                catalog.put(id, l.snapshot(), l.storedBytes());
                read.put(id, l);
                sequences.put(id, l.snapshot().sequence());
            }
        }
        // highest sequence, then highest id: the order of all()
        Optional<Map.Entry<String, Long>> top = sequences.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        if (top.isEmpty()) {
            return Optional.empty();
        }
        String id = top.get().getKey();
        Listed newest = read.containsKey(id) ? read.get(id) : byId(repo, keys, id);
        if (newest.snapshot().sequence() != top.get().getValue()) {
            // the catalog disagrees with a verified snapshot: believe none of it and read them all
            sequences.keySet().forEach(catalog::forget);
            return newest(repo, keys, catalog);
        }
        long seq = newest.snapshot().sequence();
        List<String> siblings = sequences.entrySet().stream().filter(e -> e.getValue() == seq && !e.getKey().equals(id))
                .map(Map.Entry::getKey).toList();
        return Optional.of(new Newest(newest, siblings));
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
