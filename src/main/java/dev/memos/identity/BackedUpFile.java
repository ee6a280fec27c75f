package dev.memos.identity;

import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * A file saved as two complete, atomically replaced copies: {@code NAME.bak} first, then {@code NAME}.
 * Whatever moment a crash hits, at least one copy is whole and verifies, so a load always succeeds;
 * a damaged main copy is rewritten from the good one. The parser verifies (MAC, structure) and
 * throws on anything wrong; the newer valid copy wins so a state change can never be rolled back.
 */
final class BackedUpFile<T> {
    /** Parses and verifies one copy; throws with a reason on any damage. */
    interface Parser<T> {
        T parse(byte[] content) throws Exception;
    }

    /** The loaded value and, when a copy was bad, why (for the audit event and a warning). */
    record Loaded<T>(T value, String repairedReason) {
    }

    private final Path main;
    private final Path backup;

    BackedUpFile(Path main) {
        this.main = main;
        this.backup = main.resolveSibling(main.getFileName() + ".bak");
    }

    Path main() {
        return main;
    }

    Path backup() {
        return backup;
    }

    boolean exists() {
        return Files.exists(main) || Files.exists(backup);
    }

    /** Caller holds the home lock, so temporaries left by a killed writer can be removed safely. */
    void save(byte[] content) throws IOException {
        removeStaleTemporaries();
        AtomicFile.write(backup, content);
        AtomicFile.write(main, content);
    }

    private void removeStaleTemporaries() throws IOException {
        Path dir = main.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String a = "." + main.getFileName() + ".tmp-";
        String b = "." + backup.getFileName() + ".tmp-";
        try (var files = Files.newDirectoryStream(dir, f -> {
            String n = f.getFileName().toString();
            return n.startsWith(a) || n.startsWith(b);
        })) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Empty when neither copy exists; an INTEGRITY error when neither verifies. */
    Optional<Loaded<T>> load(Parser<T> parser, Comparator<T> newer) {
        Attempt<T> a = attempt(main, parser);
        Attempt<T> b = attempt(backup, parser);
        if (a.missing && b.missing) {
            return Optional.empty();
        }
        if (a.value == null && b.value == null) {
            throw MemosException.integrity(main + " and its backup are both damaged (" + a.problem
                    + "): restore this folder from a backup or import an export");
        }
        if (a.value != null && b.value != null) {
            if (newer.compare(b.value, a.value) > 0) {
                repair(backup, main);
                return Optional.of(new Loaded<>(b.value, null));
            }
            return Optional.of(new Loaded<>(a.value, null));
        }
        if (a.value != null) {
            repair(main, backup);
            return Optional.of(new Loaded<>(a.value, b.missing ? null : "backup copy damaged (" + b.problem + ")"));
        }
        repair(backup, main);
        return Optional.of(new Loaded<>(b.value, "main copy " + (a.missing ? "missing" : "damaged (" + a.problem + ")")
                + ", restored from backup"));
    }

    /** Best effort: a read-only home still loads, it just is not repaired. */
    private static void repair(Path good, Path bad) {
        try {
            AtomicFile.write(bad, Files.readAllBytes(good));
        } catch (IOException ignored) {
            // the good copy was read already; the next save rewrites both
        }
    }

    private record Attempt<T>(T value, boolean missing, String problem) {
    }

    private static <T> Attempt<T> attempt(Path file, Parser<T> parser) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Attempt<>(null, true, "missing");
        } catch (IOException e) {
            return new Attempt<>(null, false, "unreadable: " + e.getMessage());
        }
        try {
            return new Attempt<>(parser.parse(content), false, null);
        } catch (Exception e) {
            return new Attempt<>(null, false, dev.memos.encoding.ParseErrors.describe(e));
        }
    }
}
