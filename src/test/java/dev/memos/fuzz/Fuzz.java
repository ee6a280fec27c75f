package dev.memos.fuzz;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one invariant every fuzzer checks: a parser given outside input either returns or throws a
 * MemosException (a one-line user-facing error). Anything else (NullPointerException, an
 * IllegalArgumentException leaking from a library, OutOfMemoryError from a length field trusted
 * before it was checked) propagates and Jazzer reports it as a finding.
 */
public final class Fuzz {
    private Fuzz() {
    }

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; a MemosException is an accepted outcome, any other throwable is a finding. */
    public static void cleanly(Body body) {
        try {
            body.run();
        } catch (MemosException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank() || expected.getMessage().contains("\n")) {
                throw new AssertionError("a MemosException must carry exactly one line: " + expected.getMessage(), expected);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("checked " + e.getClass().getName() + " escaped instead of a MemosException", e);
        }
    }

    /**
     * As {@link #cleanly(Body)}, also accepting the documented exception type of a lower-level parser
     * whose callers convert it (e.g. AuditEntry.decode → AuditIntegrityException, MociId.parse → usage).
     */
    public static void cleanly(Class<? extends RuntimeException> documented, Body body) {
        try {
            cleanly(body);
        } catch (RuntimeException e) {
            if (!documented.isInstance(e) || e.getMessage() == null || e.getMessage().isBlank()) {
                throw e;
            }
        }
    }

    /** A fresh scratch directory for parsers that read files. */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
