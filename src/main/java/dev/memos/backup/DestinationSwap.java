package dev.memos.backup;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.TempFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

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
    private TempFiles.Tracked tracked;

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

    /**
     * Hidden siblings left by an interrupted restore. A staging folder (partial plaintext) whose
     * process is gone is deleted and reported; one of a live process is another restore at work
     * and left alone; the previous content ({@code memos-old}) is only named, never deleted.
     */
    public java.util.List<String> leftovers() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String prefix = "." + ExactNames.nameOf(destination) + ".memos-";
        Pattern staged = Pattern.compile(Pattern.quote(prefix + "restore-") + "pid(\\d+)-[0-9a-f]+");
        for (Path gone : TempFiles.sweep(destination.getParent(), staged)) {
            out.add("deleted " + gone + ", a partial folder an interrupted restore had left");
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(destination.getParent(), p -> ExactNames.nameOrShown(p).startsWith(prefix))) {
            for (Path p : ds) {
                if (p.equals(staging) || staged.matcher(ExactNames.nameOrShown(p)).matches()) {
                    continue;
                }
                boolean old = ExactNames.nameOrShown(p).startsWith(prefix + "old-");
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
            staging = sibling("memos-restore-" + TempFiles.pidTag());
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            tracked = TempFiles.track(staging);
            return staging;
        } catch (UnsupportedOperationException e) {
            try {
                Files.createDirectory(staging);
                tracked = TempFiles.track(staging);
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
        return ExactNames.resolve(destination.getParent(), "." + ExactNames.nameOf(destination) + "." + tag + "-" + HexFormat.of().formatHex(r));
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
                untrack();
                deleteTree(old);
            } else {
                AtomicFile.moveIntoPlace(staging, destination);
                untrack();
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
            untrack();
        }
    }

    // The staging folder is now the destination (or gone): the exit hook must not delete it.
    private void untrack() {
        staging = null;
        if (tracked != null) {
            tracked.close();
            tracked = null;
        }
    }

    static void deleteTree(Path root) throws IOException {
        TempFiles.deleteTree(root);
    }
}
