package dev.memos.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files and folders that must not outlive their run (FORMAT.md §3.5): a bundle being
 * written, a backup's work files, a restore's staging folder, which holds plaintext. A tracked
 * path is deleted by a shutdown hook when the JVM stops on SIGINT or SIGTERM. Nothing runs on
 * SIGKILL, so temporary names carry the owner's pid ({@link #pidTag()}), and the next run sweeps
 * the ones whose process is gone ({@link #sweep}), never those of a live process.
 */
public final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static volatile boolean stopping;

    private TempFiles() {
    }

    /** Untracks its path when the run no longer needs the hook to delete it. */
    public interface Tracked extends AutoCloseable {
        @Override
        void close();
    }

    /** {@code pid<N>}: the token that names this process in a temporary name. */
    public static String pidTag() {
        return "pid" + ProcessHandle.current().pid();
    }

    /** Deletes {@code path} (a file or a whole tree) if the JVM stops before {@link Tracked#close()}. */
    public static Tracked track(Path path) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "memos-temp-cleanup"));
        }
        Path p = path.toAbsolutePath();
        LIVE.add(p);
        return () -> LIVE.remove(p);
    }

    /** True once the JVM is stopping: writers check it so they do not recreate what the hook deleted. */
    public static boolean stopping() {
        return stopping;
    }

    // Twice, because a worker thread still running may have created a file between the two.
    private static void deleteAll() {
        stopping = true;
        for (int pass = 0; pass < 2; pass++) {
            for (Path p : LIVE) {
                try {
                    deleteTree(p);
                } catch (IOException | RuntimeException ignored) {
                    // best effort at exit; the next run sweeps what is left
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Deletes the entries of {@code dir} whose name matches {@code name} (its group 1 is the owner's
     * pid) and whose owner is no longer running; returns what it removed. A live owner's entries,
     * and entries that do not match, are left alone.
     */
    public static List<Path> sweep(Path dir, Pattern name) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the folder may not exist yet, or an entry vanished meanwhile: nothing to sweep
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** What to do to a file just before it is deleted (e.g. overwrite it); links are never followed. */
    @FunctionalInterface
    public interface BeforeDelete {
        void file(Path file, BasicFileAttributes attrs) throws IOException;
    }

    /** Deletes a file or a tree (read-only folders are opened first); a missing path is fine. */
    public static void deleteTree(Path root) throws IOException {
        deleteTree(root, (file, attrs) -> { });
    }

    /** As {@link #deleteTree(Path)}, running {@code before} on each file first (the one recursive delete). */
    public static void deleteTree(Path root, BeforeDelete before) throws IOException {
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
                before.file(file, attrs);
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
