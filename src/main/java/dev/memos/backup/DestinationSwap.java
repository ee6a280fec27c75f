package dev.memos.backup;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The staging directory beside the destination and the final swap (FORMAT.md §3.5). The new tree
 * is built in {@code .<name>.memos-restore-<random>}; the old destination is renamed to
 * {@code .<name>.memos-old-<random>} only once the new tree is complete, and deleted after the new
 * tree is in place, so a crash at any point leaves the old content intact somewhere.
 */
public final class DestinationSwap {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path destination;
    private final boolean existedNonEmpty;
    private Path staging;

    private DestinationSwap(Path destination, boolean existedNonEmpty) {
        this.destination = destination;
        this.existedNonEmpty = existedNonEmpty;
    }

    /** Checks the destination before any work, so a refusal costs nothing. */
    public static DestinationSwap prepare(Path out, boolean force) {
        Path dest = out.toAbsolutePath().normalize();
        if (dest.getParent() == null) {
            throw MemosException.usage("cannot restore onto the file-system root: give a folder");
        }
        boolean nonEmpty = false;
        if (Files.isSymbolicLink(dest)) {
            throw MemosException.usage("--out " + out + " is a symbolic link: give a real folder");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                throw MemosException.usage("--out " + out + " exists and is not a folder: give a folder");
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dest)) {
                nonEmpty = ds.iterator().hasNext();
            } catch (IOException e) {
                throw MemosException.failure("cannot read " + out + ": " + e.getMessage(), e);
            }
            if (nonEmpty && !force) {
                throw MemosException.usage("--out " + out + " is not empty: pass --force to replace it"
                        + " (the old content is kept until the new one is complete)");
            }
        }
        return new DestinationSwap(dest, nonEmpty);
    }

    public Path destination() {
        return destination;
    }

    /** Hidden siblings left by an interrupted restore, named so the user can recover or delete them. */
    public java.util.List<String> leftovers() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String prefix = "." + destination.getFileName() + ".memos-";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(destination.getParent(), p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : ds) {
                if (p.equals(staging)) {
                    continue;
                }
                boolean old = p.getFileName().toString().startsWith(prefix + "old-");
                out.add((old ? "an interrupted restore left the previous content in " : "an interrupted restore left a partial folder ")
                        + p + (old ? ": move it back or delete it" : ": delete it"));
            }
        } catch (IOException ignored) {
            // the parent may not exist yet; nothing to report
        }
        return out;
    }

    public boolean replacesExisting() {
        return existedNonEmpty;
    }

    public Path createStaging() {
        try {
            Files.createDirectories(destination.getParent());
            staging = sibling("memos-restore");
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return staging;
        } catch (UnsupportedOperationException e) {
            try {
                Files.createDirectory(staging);
                return staging;
            } catch (IOException io) {
                throw MemosException.failure("cannot create a staging folder beside " + destination + ": " + io.getMessage(), io);
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot create a staging folder beside " + destination + ": " + e.getMessage(), e);
        }
    }

    private Path sibling(String tag) {
        byte[] r = new byte[6];
        RANDOM.nextBytes(r);
        return destination.resolveSibling("." + destination.getFileName() + "." + tag + "-" + HexFormat.of().formatHex(r));
    }

    /** Moves the complete staging tree into place. */
    public void commit() {
        try {
            if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                Path old = sibling("memos-old");
                Files.move(destination, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                try {
                    AtomicFile.moveIntoPlace(staging, destination);
                } catch (IOException e) {
                    Files.move(old, destination, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                staging = null;
                deleteTree(old);
            } else {
                AtomicFile.moveIntoPlace(staging, destination);
                staging = null;
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot move the restored tree into " + destination + ": " + e.getMessage()
                    + " (the old content is unchanged)", e);
        }
    }

    /** Removes the staging tree after a failure; the destination was never touched. */
    public void abort() {
        if (staging != null) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // best effort: a leftover hidden staging folder is harmless and named as ours
            }
            staging = null;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try {
                    // a restored read-only folder must become writable to be emptied
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
