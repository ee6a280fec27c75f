package dev.memos.store;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A store file kept with a verified copy (FORMAT.md §17): the primary {@code NAME} in its own format,
 * untouched, and {@code .NAME.copy} beside it = magic, generation, the same bytes, and a seal
 * ({@link CopySeal}) over all of that. Every save writes the copy first, then the primary, each
 * atomically, under the store's lock; so at any crash point one of them holds the old or the new
 * content whole.
 *
 * <p>Which one wins: a copy whose seal verifies (and whose content the store's own check accepts) is
 * the truth, and a primary that differs from it is rewritten from it. That is what makes a repair
 * safe against a local edit: changing the primary alone is undone, and a copy only wins with the
 * seal's key. A damaged or missing copy falls back to the primary if the store's own check accepts
 * it, and the copy is rewritten. Neither usable: an integrity error (exit 4) naming the file and the
 * way back. A mismatch is only judged under the store's lock (re-read there), so a reader that
 * overlaps a writer never "repairs" a write in flight or raises a false alarm.
 */
public final class MirroredFile {
    static final byte[] MAGIC = "memos-copy-v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 8 + 4;
    private static final int TAG = 32;

    /** The store's own check of a content (MAC, signature, parser); throws with a reason if it is bad. */
    @FunctionalInterface
    public interface Check {
        void check(byte[] content) throws Exception;
    }

    private final Path primary;
    private final Path copy;
    private final Path lock;
    private final CopySeal seal;
    private final Check check;

    private MirroredFile(Builder b) {
        this.primary = b.primary;
        this.copy = copyOf(b.primary);
        this.lock = b.lock;
        this.seal = b.seal;
        this.check = b.check;
    }

    public static Builder builder(Path primary) {
        return new Builder(primary);
    }

    /** Where the verified copy of {@code primary} lives: a hidden sibling, so archives and exports skip it. */
    public static Path copyOf(Path primary) {
        return primary.resolveSibling("." + primary.getFileName() + ".copy");
    }

    public Path primary() {
        return primary;
    }

    public Path copy() {
        return copy;
    }

    /**
     * The content, from the primary or (repairing the primary) from the verified copy; empty when
     * neither file exists. Takes the store's lock (re-entrantly) only when the two disagree.
     */
    public Optional<byte[]> read() {
        byte[] p = readOrNull(primary);
        Copy c = parse(readOrNull(copy));
        if (c.content != null && p != null && Arrays.equals(p, c.content)) {
            return Optional.of(p);
        }
        if (c.missing) {
            // never saved with a copy (older memos, or a file put here by hand): the store's own parser
            // judges it and reports damage in its own words; the next save adds the copy
            return Optional.ofNullable(p);
        }
        try (HomeLock held = lockForRepair()) {
            return decide(readOrNull(primary), parse(readOrNull(copy)), held != null || lock == null);
        }
    }

    /** Replaces the content: copy first, then primary. The caller holds the store's lock. */
    public void write(byte[] content) throws IOException {
        Copy old = parse(readOrNull(copy));
        long generation = old.content == null ? 1 : old.generation + 1;
        AtomicFile.write(copy, encode(generation, content));
        AtomicFile.write(primary, content);
    }

    /** Removes both, copy first: a crash in between leaves the primary alone, never a copy that resurrects it. */
    public void delete() throws IOException {
        Files.deleteIfExists(copy);
        Files.deleteIfExists(primary);
    }

    private Optional<byte[]> decide(byte[] p, Copy c, boolean mayRepair) {
        String copyProblem = c.problem;
        if (c.content != null) {
            String bad = reject(c.content);
            if (bad == null) {
                if (p == null || !Arrays.equals(p, c.content)) {
                    String why = p == null ? "missing" : accepts(p) == null ? "out of date or altered" : "damaged";
                    if (mayRepair) {
                        rewrite(primary, c.content);
                    }
                    Recoveries.report(primary, true, "primary " + why);
                }
                return Optional.of(c.content);
            }
            copyProblem = bad;
        }
        if (c.missing) {
            return Optional.ofNullable(p); // removed meanwhile: as in read(), the store's parser judges the primary
        }
        String primaryProblem = accepts(p);
        if (primaryProblem == null) {
            if (mayRepair) {
                rewriteCopy(p, c.generation);
            }
            Recoveries.report(primary, false, "copy " + copyProblem);
            return Optional.of(p);
        }
        throw new MemosException(ErrorKind.INTEGRITY, primary + " is " + (p == null ? "missing" : "damaged (" + primaryProblem + ")")
                + " and so is its verified copy (" + copyProblem + ")"
                + ": run 'memos restore --latest --identities' to get it back from the newest snapshot");
    }

    /** The lock for a repair; null (no repair, read only) on a home this process cannot lock, e.g. read-only. */
    private HomeLock lockForRepair() {
        if (lock == null) {
            return null;
        }
        try {
            return HomeLock.reentrant(lock);
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.BUSY || e.kind() == ErrorKind.INTERRUPTED) {
                throw e;
            }
            return null;
        }
    }

    private String accepts(byte[] content) {
        return content == null ? "missing" : reject(content);
    }

    private String reject(byte[] content) {
        if (check == null) {
            return null;
        }
        try {
            check.check(content);
            return null;
        } catch (Exception e) {
            String m = e.getMessage();
            return m == null ? e.getClass().getSimpleName() : m.replaceAll("[\\r\\n]+", " ");
        }
    }

    private void rewriteCopy(byte[] content, long previous) {
        try {
            AtomicFile.write(copy, encode(previous + 1, content));
        } catch (IOException ignored) {
            // best effort: the content was verified already; the next save writes both
        }
    }

    private static void rewrite(Path file, byte[] content) {
        try {
            AtomicFile.write(file, content);
        } catch (IOException ignored) {
            // best effort (a read-only home still opens); the next save writes both
        }
    }

    private byte[] encode(long generation, byte[] content) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + content.length + TAG);
        b.put(MAGIC).putLong(generation).putInt(content.length).put(content);
        byte[] body = Arrays.copyOf(b.array(), HEADER + content.length);
        b.put(seal.seal(body));
        return b.array();
    }

    /** A parsed copy: content null when missing or damaged (then {@code problem} says why). */
    private record Copy(byte[] content, long generation, boolean missing, String problem) {
    }

    private Copy parse(byte[] raw) {
        if (raw == null) {
            return new Copy(null, 0, true, "missing");
        }
        if (raw.length < HEADER + TAG || !Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Copy(null, 0, false, "not a memos copy");
        }
        ByteBuffer b = ByteBuffer.wrap(raw, MAGIC.length, 12);
        long generation = b.getLong();
        int len = b.getInt();
        if (len < 0 || len != raw.length - HEADER - TAG) {
            return new Copy(null, 0, false, "wrong length");
        }
        byte[] body = Arrays.copyOf(raw, HEADER + len);
        if (!MessageEquality.same(seal.seal(body), Arrays.copyOfRange(raw, HEADER + len, raw.length))) {
            return new Copy(null, 0, false, "seal does not verify");
        }
        return new Copy(Arrays.copyOfRange(raw, HEADER, HEADER + len), generation, false, null);
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // unreadable (a directory, an I/O error): as good as damaged; the other copy may still serve
            return new byte[0];
        }
    }

    /** Constant-time comparison without the crypto package (which the store layer may not use). */
    private static final class MessageEquality {
        static boolean same(byte[] a, byte[] b) {
            if (a.length != b.length) {
                return false;
            }
            int d = 0;
            for (int i = 0; i < a.length; i++) {
                d |= a[i] ^ b[i];
            }
            return d == 0;
        }
    }

    public static final class Builder {
        private final Path primary;
        private Path lock;
        private CopySeal seal;
        private Check check;

        private Builder(Path primary) {
            this.primary = primary;
        }

        /** The store's lock file: held by its writers, taken here before a repair. */
        public Builder lock(Path v) {
            this.lock = v;
            return this;
        }

        public Builder seal(CopySeal v) {
            this.seal = v;
            return this;
        }

        /** The store's own verification of a content (optional: without it only the copy's seal decides). */
        public Builder check(Check v) {
            this.check = v;
            return this;
        }

        public MirroredFile build() {
            if (seal == null) {
                throw new IllegalStateException("a mirrored file needs a seal");
            }
            return new MirroredFile(this);
        }
    }
}
