package dev.memos.identity;

import dev.memos.crypto.DeviceKey;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.HomeLock;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a home's identity stores, read and written for the identity archive (FORMAT.md
 * §14.10). Reading takes each store's own lock while it copies that store, so a concurrent writer
 * never leaves a torn copy (a rings file from one write and its counter from another). Writing an
 * identity goes through a staging folder and renames, as an import does, so a crash leaves either
 * the old folder or the new one (finished by {@code IdentityTransfer.recoverInterrupted}).
 */
public final class HomeStores {
    /** Top-level stores carried, relative to the home. Locks and transient names (".…", "….tmp-…") never are. */
    public static final List<String> CARRIED = List.of(DeviceKey.FILE, FileIdentityStore.IDENTITIES, "counters", "audit",
            "tokens", "known-keys.json", "config.properties");

    private HomeStores() {
    }

    /** Every carried file of the home by relative path (sorted). Files with names the archive cannot hold are skipped. */
    public static Map<String, byte[]> collect(Path home) {
        Map<String, byte[]> out = new TreeMap<>();
        try {
            for (String name : CARRIED) {
                Path p = home.resolve(name);
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(name, Files.readAllBytes(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    collectDir(home, p, out);
                }
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot read the identity stores of " + home + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void collectDir(Path home, Path dir, Map<String, byte[]> out) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                String n = c.getFileName().toString();
                if (n.startsWith(".") || n.contains(".tmp-")) {
                    continue; // locks, staging folders, temporary siblings: transient by definition
                }
                if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(c);
                } else if (Files.isRegularFile(c, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(c);
                }
            }
        }
        if (!files.isEmpty()) {
            try (AutoCloseable lock = lockStore(dir)) {
                for (Path f : files) {
                    String rel = home.relativize(f).toString().replace('\\', '/');
                    try {
                        HomeArchive.checkPath(rel);
                        out.put(rel, Files.readAllBytes(f));
                    } catch (MemosException unsafe) {
                        // a name the archive cannot hold was not written by memos: leave it out
                    } catch (NoSuchFileException gone) {
                        // removed between listing and reading (a purged replay bucket): nothing to carry
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        for (Path d : dirs) {
            collectDir(home, d, out);
        }
    }

    /**
     * The lock the store in {@code dir} writes under: its {@code .lock} (rings, identities, replay) or the
     * audit log's {@code audit.lock} (FORMAT.md §12). A lock this process holds already (its own session)
     * is not needed twice.
     */
    private static AutoCloseable lockStore(Path dir) {
        Path lockFile = dir.resolve(".lock");
        if (Files.exists(lockFile)) {
            return lockUnlessHeld(lockFile);
        }
        if (Files.exists(dir.resolve("audit.log"))) {
            return lockUnlessHeld(dir.resolve("audit.lock"));
        }
        return () -> { };
    }

    private static AutoCloseable lockUnlessHeld(Path lockFile) {
        try {
            return HomeLock.acquire(lockFile);
        } catch (MemosException | IllegalStateException e) {
            if (e instanceof MemosException m && m.kind() == dev.memos.error.ErrorKind.BUSY) {
                throw m;
            }
            return () -> { };
        }
    }

    /**
     * Puts one identity's folder in place from archived files (paths relative to the folder), under
     * {@code identities/.lock}: staged, the current folder moved aside, the new one renamed in, the
     * old one securely deleted. The caller decided that replacing it is right.
     */
    public static void placeIdentity(Path home, MociId id, Map<String, byte[]> files, SecureRandom random) {
        Path root = home.resolve(FileIdentityStore.IDENTITIES);
        try {
            PrivateFiles.ensureDirectory(root);
            try (HomeLock lock = HomeLock.acquire(root.resolve(".lock"))) {
                IdentityTransfer.recoverInterrupted(root, random);
                byte[] r = new byte[6];
                random.nextBytes(r);
                Path staging = root.resolve(IdentityTransfer.STAGING + Hex.encode(r));
                PrivateFiles.ensureDirectory(staging);
                try {
                    ExportPayload.writeInto(staging, files);
                    Path target = root.resolve(id.toString());
                    Path old = null;
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        old = root.resolve(IdentityTransfer.REPLACED + id + "-" + Hex.encode(r));
                        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    }
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    AtomicFile.fsyncDirectory(root);
                    if (old != null) {
                        SecureDelete.tree(old, random);
                    }
                } finally {
                    SecureDelete.tree(staging, random);
                }
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot restore " + id + " into " + root + ": " + e.getMessage(), e);
        }
    }

    /** Writes one home-level file atomically (0600), creating its folders. */
    public static void placeFile(Path home, String rel, byte[] content) {
        HomeArchive.checkPath(rel);
        Path p = home.resolve(rel).normalize();
        try {
            PrivateFiles.ensureDirectory(p.getParent());
            // the archive carries primaries only: a verified copy left from before would win over the
            // restored content (FORMAT.md §17), so it goes first; the next save writes a new one
            Files.deleteIfExists(MirroredFile.copyOf(p));
            AtomicFile.write(p, content);
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + p + ": " + e.getMessage(), e);
        }
    }
}
