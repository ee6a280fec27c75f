package dev.memos.snapshot;

import dev.memos.backup.DestinationSwap;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Restores a verified snapshot (FORMAT.md §14.6) into a staging folder and swaps it into place as
 * bundles are (§3.5). Before writing anything it checks that every pack it needs is present, so a
 * missing pack is reported with the files it breaks and the destination is untouched. Each pack's
 * header is read once; blobs are read by offset (the Range read on Arweave) and each is verified
 * against its chunk id before a byte of it is written.
 */
public final class SnapshotRestore {
    /** What was restored. */
    public record Result(String snapshotId, long sequence, long files, long bytes, Path destination, int packsRead) {
    }

    private final SnapshotKeys keys;
    private final Repository repo;

    public SnapshotRestore(SnapshotKeys keys, Repository repo) {
        this.keys = Objects.requireNonNull(keys);
        this.repo = Objects.requireNonNull(repo);
    }

    public Result restore(Snapshots.Listed listed, Path out, boolean force) throws IOException {
        return restore(listed, out, force, PathFilter.none());
    }

    /** Restores only the entries {@code include} selects (all when it is empty), with their parent folders. */
    public Result restore(Snapshots.Listed listed, Path out, boolean force, PathFilter include) throws IOException {
        Snapshot s = listed.snapshot();
        List<TreeEntry> entries = select(s, include);
        DestinationSwap swap = DestinationSwap.prepare(out, force);
        requirePacks(s, entries);
        Path staging = swap.createStaging();
        boolean done = false;
        try {
            // Folders first (the tree lists each parent before its children), then the files in parallel.
            for (TreeEntry e : entries) {
                if (e.directory()) {
                    Files.createDirectories(staging.resolve(e.path()));
                }
            }
            List<TreeEntry> fileEntries = entries.stream().filter(e -> !e.directory()).toList();
            RestoreWorkers.Totals t = RestoreWorkers.writeFiles(keys, repo, s, fileEntries, staging, (p, e) -> {
                try {
                    setMeta(p, e);
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
            // Directories last and deepest first, so writing their contents does not reset their mtime.
            List<TreeEntry> dirs = new ArrayList<>(entries.stream().filter(TreeEntry::directory).toList());
            java.util.Collections.reverse(dirs);
            for (TreeEntry d : dirs) {
                setMeta(staging.resolve(d.path()), d);
            }
            swap.commit();
            done = true;
            return new Result(listed.id(), s.sequence(), t.files(), t.bytes(), swap.destination(), t.packsRead());
        } finally {
            if (!done) {
                swap.abort();
            }
        }
    }

    /** Names every missing pack and the files it would break; nothing is written when one is missing. */
    private void requirePacks(Snapshot s, List<TreeEntry> entries) {
        Map<String, Set<String>> broken = new LinkedHashMap<>();
        Map<String, Boolean> present = new HashMap<>();
        for (TreeEntry e : entries) {
            for (String id : e.chunks()) {
                String pack = s.index().get(id).packId();
                if (!present.computeIfAbsent(pack, repo::hasPack)) {
                    broken.computeIfAbsent(pack, k -> new TreeSet<>()).add(e.path());
                }
            }
        }
        if (broken.isEmpty()) {
            return;
        }
        Set<String> files = new TreeSet<>();
        broken.values().forEach(files::addAll);
        List<String> packs = broken.keySet().stream().map(PackReader::name).toList();
        throw MemosException.network(packs.size() + " pack(s) missing from " + repo.describe() + " (" + String.join(", ", packs)
                + "): cannot restore " + files.size() + " file(s): " + shortList(files) + "; nothing was written", null);
    }

    /** The selected entries in tree order, with every parent folder of a selected entry (the tree rule of §14.6). */
    static List<TreeEntry> select(Snapshot s, PathFilter include) {
        // the identity archive rides with the snapshot but is never part of the restored folder
        List<TreeEntry> tree = s.tree().stream().filter(e -> !Snapshots.reserved(e.path())).toList();
        if (include.isEmpty()) {
            return tree;
        }
        Set<String> keep = new java.util.HashSet<>();
        for (TreeEntry e : tree) {
            if (include.matchesOrUnder(e.path(), e.directory())) {
                for (int i = e.path().indexOf('/'); i > 0; i = e.path().indexOf('/', i + 1)) {
                    keep.add(e.path().substring(0, i));
                }
                keep.add(e.path());
            }
        }
        if (keep.isEmpty()) {
            throw MemosException.usage("--include " + String.join(", ", include.patterns()) + " matches nothing in snapshot "
                    + s.sequence() + "; nothing was written");
        }
        return tree.stream().filter(e -> keep.contains(e.path())).toList();
    }

    /**
     * The content of {@code .memos-identities/NAME} in a verified snapshot, every chunk checked against its
     * id; empty when the snapshot carries none (made with --no-identities, or by an older memos).
     */
    public java.util.Optional<byte[]> readAttached(Snapshot s, String name) {
        String path = Snapshots.RESERVED + "/" + name;
        TreeEntry e = s.tree().stream().filter(t -> !t.directory() && t.path().equals(path)).findFirst().orElse(null);
        if (e == null) {
            return java.util.Optional.empty();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Map<String, PackReader> readers = new HashMap<>();
        for (String id : e.chunks()) {
            BlobRef ref = s.index().get(id);
            PackReader r = readers.computeIfAbsent(ref.packId(),
                    pid -> PackReader.open(keys, pid, repo.readPackRange(pid, 0, ObjectHeader.LENGTH)));
            out.writeBytes(r.openBlob(ref, repo.readPackRange(ref.packId(), ref.offset(), ref.length()), 0));
        }
        return java.util.Optional.of(out.toByteArray());
    }

    static String shortList(Set<String> files) {
        List<String> l = new ArrayList<>(files);
        String head = String.join(", ", l.subList(0, Math.min(5, l.size())));
        return l.size() > 5 ? head + " and " + (l.size() - 5) + " more" : head;
    }

    private static void setMeta(Path p, TreeEntry e) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((e.mode() & (1 << (8 - i))) != 0) {
                perms.add(all[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: modes cannot be kept
        }
        Files.setLastModifiedTime(p, FileTime.from(e.mtime(), java.util.concurrent.TimeUnit.SECONDS));
    }
}
