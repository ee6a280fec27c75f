package dev.memos.snapshot;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository in a local folder (FORMAT.md §14.7): {@code packs/ab/<id>} and {@code snapshots/<id>},
 * each written to a temporary sibling, fsynced and renamed, so a crash never leaves a torn object
 * under a real name. Names are checked as 64 lower-case hex digits before any path is built.
 */
public final class LocalRepository implements Repository {
    private final Path root;

    private LocalRepository(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Opens (and creates, when {@code create}) the folder; a missing folder is a usage error otherwise. */
    public static LocalRepository open(Path dir, boolean create) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw MemosException.usage("--repo " + dir + " is not a directory");
        }
        if (!Files.isDirectory(dir) && !create) {
            throw MemosException.usage("--repo " + dir + " does not exist: back up into it first");
        }
        try {
            Files.createDirectories(dir.resolve("packs"));
            Files.createDirectories(dir.resolve("snapshots"));
        } catch (IOException e) {
            throw MemosException.failure("cannot create the repository " + dir + ": " + e.getMessage(), e);
        }
        return new LocalRepository(dir);
    }

    static String checkId(String id) {
        if (id == null || !id.matches("[0-9a-f]{64}")) {
            throw MemosException.usage("not an object id (64 lower-case hex digits): " + (id == null ? "" : id.length() > 80 ? id.substring(0, 80) : id));
        }
        return id;
    }

    private Path packPath(String id) {
        checkId(id);
        return root.resolve("packs").resolve(id.substring(0, 2)).resolve(id);
    }

    private Path snapshotPath(String id) {
        return root.resolve("snapshots").resolve(checkId(id));
    }

    @Override
    public boolean hasPack(String packId) {
        return Files.isRegularFile(packPath(packId));
    }

    @Override
    public void putPack(String packId, byte[] bytes) {
        put(packPath(packId), bytes);
    }

    private static void put(Path p, byte[] bytes) {
        try {
            if (Files.isRegularFile(p) && Files.size(p) == bytes.length) {
                return; // content-addressed: same name, same bytes
            }
            AtomicFile.write(p, bytes);
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] readPack(String packId) {
        return read(packPath(packId), PackReader.name(packId));
    }

    private byte[] read(Path p, String what) {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw missing(what);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private MemosException missing(String what) {
        return MemosException.network(what + " is missing from " + describe(), null);
    }

    @Override
    public byte[] readPackRange(String packId, long offset, int length) {
        Path p = packPath(packId);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            if (offset < 0 || length < 0 || offset + length > f.length()) {
                throw MemosException.integrity(PackReader.name(packId) + " is shorter than its index says: it is truncated");
            }
            byte[] out = new byte[length];
            f.seek(offset);
            f.readFully(out);
            return out;
        } catch (java.io.FileNotFoundException e) {
            throw missing(PackReader.name(packId));
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putSnapshot(String snapshotId, byte[] bytes) {
        put(snapshotPath(snapshotId), bytes);
    }

    @Override
    public List<String> snapshotIds() {
        return list("snapshots");
    }

    private List<String> list(String folder) {
        Path dir = root.resolve(folder);
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids; // a repository written before key handovers existed has no handovers/ folder
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).sorted().forEach(ids::add);
        } catch (IOException e) {
            throw MemosException.failure("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public List<String> handoverIds(String toTag) {
        return list("handovers");
    }

    @Override
    public byte[] readHandover(String handoverId) {
        return read(root.resolve("handovers").resolve(checkId(handoverId)), "key handover " + handoverId.substring(0, 12));
    }

    @Override
    public void putHandover(String handoverId, String toTag, byte[] bytes) {
        try {
            Files.createDirectories(root.resolve("handovers"));
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + root.resolve("handovers") + ": " + e.getMessage(), e);
        }
        put(root.resolve("handovers").resolve(checkId(handoverId)), bytes);
    }

    @Override
    public byte[] readSnapshot(String snapshotId) {
        return read(snapshotPath(snapshotId), SnapshotCodec.name(snapshotId));
    }

    @Override
    public String describe() {
        return "repository " + root;
    }
}
