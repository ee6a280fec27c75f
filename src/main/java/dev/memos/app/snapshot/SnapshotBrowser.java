package dev.memos.app.snapshot;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.Snapshot;
import dev.memos.snapshot.SnapshotKeys;
import dev.memos.snapshot.Snapshots;
import dev.memos.snapshot.TreeEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read-only views of snapshots: {@code ls} (a snapshot's tree, or part of it) and {@code diff}
 * (what changed between two). Both read only snapshot objects, never packs: content equality is
 * chunk-id equality, which the keyed ids make exact. Works on any {@link Repository}.
 */
public final class SnapshotBrowser {
    /** {@code path} null or empty: the whole tree. */
    public record LsRequest(String snapshot, String path) {
    }

    public record Item(String path, String type, long size, int mode, long mtime) {
    }

    public record LsResult(String snapshotId, long sequence, String createdAt, String path, List<Item> entries) {
    }

    public record DiffRequest(String from, String to) {
    }

    public record Side(String snapshotId, long sequence, String createdAt) {
    }

    /** {@code oldSize}/{@code newSize} are null on the side where the path does not exist. */
    public record Change(String path, String type, Long oldSize, Long newSize, String what) {
    }

    public record DiffResult(Side from, Side to, List<Change> added, List<Change> removed, List<Change> changed,
            long addedBytes, long removedBytes) {
    }

    private final EthPrivateKey key;
    private final Repository repo;

    private SnapshotBrowser(Builder b) {
        this.key = Objects.requireNonNull(b.key, "key");
        this.repo = Objects.requireNonNull(b.repo, "repository");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key whose snapshots are read and the repository they are in; both required. */
    public static final class Builder {
        private EthPrivateKey key;
        private Repository repo;

        public Builder key(EthPrivateKey k) {
            key = k;
            return this;
        }

        public Builder repository(Repository r) {
            repo = r;
            return this;
        }

        public SnapshotBrowser build() {
            return new SnapshotBrowser(this);
        }
    }

    public LsResult ls(LsRequest req) {
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing keys = KeyRing.open(repo, own, new ArrayList<>())) {
            Snapshots.Listed l = SnapshotResolver.resolve(repo, keys, req.snapshot());
            String prefix = normalise(req.path());
            List<Item> items = new ArrayList<>();
            for (TreeEntry e : l.snapshot().tree()) {
                if (prefix.isEmpty() || e.path().equals(prefix) || e.path().startsWith(prefix + "/")) {
                    items.add(item(e));
                }
            }
            if (!prefix.isEmpty() && items.isEmpty()) {
                throw MemosException.usage("no path " + prefix + " in snapshot " + l.snapshot().sequence() + " (" + l.id().substring(0, 16) + ")");
            }
            return new LsResult(l.id(), l.snapshot().sequence(), l.snapshot().createdAt(), prefix, items);
        }
    }

    public DiffResult diff(DiffRequest req) {
        try (SnapshotKeys own = SnapshotKeys.derive(key); KeyRing keys = KeyRing.open(repo, own, new ArrayList<>())) {
            Snapshots.Listed a = SnapshotResolver.resolve(repo, keys, req.from());
            Snapshots.Listed b = SnapshotResolver.resolve(repo, keys, req.to());
            Map<String, TreeEntry> before = byPath(a.snapshot());
            Map<String, TreeEntry> after = byPath(b.snapshot());
            List<Change> added = new ArrayList<>();
            List<Change> removed = new ArrayList<>();
            List<Change> changed = new ArrayList<>();
            for (TreeEntry o : before.values()) {
                TreeEntry n = after.get(o.path());
                if (n == null || n.directory() != o.directory()) {
                    removed.add(new Change(o.path(), type(o), o.size(), null, "removed"));
                } else {
                    String what = what(o, n);
                    if (what != null) {
                        changed.add(new Change(o.path(), type(n), o.size(), n.size(), what));
                    }
                }
            }
            for (TreeEntry n : after.values()) {
                TreeEntry o = before.get(n.path());
                if (o == null || o.directory() != n.directory()) {
                    added.add(new Change(n.path(), type(n), null, n.size(), "added"));
                }
            }
            // A path whose type flipped (file <-> folder) is one removal plus one addition.
            return new DiffResult(side(a), side(b), added, removed, changed, added.stream().mapToLong(Change::newSize).sum(),
                    removed.stream().mapToLong(Change::oldSize).sum());
        }
    }

    /** Content (chunk ids) and mode count as a change; an mtime alone does not (a touch changes nothing stored). */
    private static String what(TreeEntry o, TreeEntry n) {
        boolean content = !o.chunks().equals(n.chunks());
        boolean mode = o.mode() != n.mode();
        return content && mode ? "content+mode" : content ? "content" : mode ? "mode" : null;
    }

    private static Map<String, TreeEntry> byPath(Snapshot s) {
        return s.tree().stream().collect(Collectors.toMap(TreeEntry::path, Function.identity(), (x, y) -> x, TreeMap::new));
    }

    private static Side side(Snapshots.Listed l) {
        return new Side(l.id(), l.snapshot().sequence(), l.snapshot().createdAt());
    }

    private static Item item(TreeEntry e) {
        return new Item(e.path(), type(e), e.size(), e.mode(), e.mtime());
    }

    private static String type(TreeEntry e) {
        return e.directory() ? "dir" : "file";
    }

    /** "notes/", "/notes" and "./notes" all mean the tree path "notes". */
    private static String normalise(String path) {
        if (path == null) {
            return "";
        }
        String p = path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }
}
