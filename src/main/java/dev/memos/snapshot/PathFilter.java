package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of a tree a backup skips or a restore selects (FORMAT.md §14.9): a list of
 * {@link Glob}s from {@code --exclude}/{@code --include} options and the input folder's
 * {@code .memosignore}. One matcher for all three, so a pattern means the same everywhere.
 */
public final class PathFilter {
    public static final String IGNORE_FILE = ".memosignore";
    /** Bounds on an ignore file: it is outside input and must not cost memory or time. */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    public static final int MAX_PATTERNS = 1000;

    private static final PathFilter NONE = new PathFilter(List.of(), true);
    private static final PathFilter EVERYTHING = new PathFilter(List.of(), false);
    private final List<Glob> globs;
    /** False for trees whose {@code .memosignore} is data to keep, not an instruction to us. */
    private final boolean readsIgnoreFile;

    private PathFilter(List<Glob> globs, boolean readsIgnoreFile) {
        this.globs = List.copyOf(globs);
        this.readsIgnoreFile = readsIgnoreFile;
    }

    private PathFilter(List<Glob> globs) {
        this(globs, true);
    }

    public static PathFilter none() {
        return NONE;
    }

    /**
     * Keeps every path and reads no {@code .memosignore}: for a tree restored from another tool's
     * backup (migration of the original MemOS), where an ignore file is one of the user's files and
     * obeying it would silently drop others.
     */
    public static PathFilter everything() {
        return EVERYTHING;
    }

    /** Patterns from a command-line option; a bad one is a usage error naming the option. */
    public static PathFilter ofOption(String option, List<String> patterns) {
        if (patterns.size() > MAX_PATTERNS) {
            throw MemosException.usage("--" + option + " given more than " + MAX_PATTERNS + " times");
        }
        List<Glob> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.add(Glob.compile(p));
            } catch (Glob.SyntaxException e) {
                throw MemosException.usage("--" + option + " " + clip(p) + ": " + e.getMessage());
            }
        }
        return new PathFilter(out);
    }

    /** This filter plus the patterns of {@code dir/.memosignore} if the file exists. */
    public PathFilter withIgnoreFile(Path dir) {
        if (!readsIgnoreFile) {
            return this;
        }
        Path f = dir.resolve(IGNORE_FILE);
        byte[] bytes;
        try {
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                return this; // absent, or a symlink/folder we would not back up either
            }
            try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            return this;
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + f + ": " + e.getMessage(), e);
        }
        List<Glob> all = new ArrayList<>(globs);
        all.addAll(parseIgnoreFile(f.toString(), bytes));
        return new PathFilter(all);
    }

    /**
     * The ignore-file syntax: UTF-8, one pattern per line (LF or CRLF), blank lines and lines
     * starting with '#' skipped, trailing spaces and tabs removed. '!' (negation) is refused, not
     * ignored: silently backing up what the author meant to keep out would be worse than an error.
     */
    public static List<Glob> parseIgnoreFile(String name, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw MemosException.usage(name + " is larger than " + MAX_FILE_BYTES + " bytes: it holds patterns, not data");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw MemosException.usage(name + " is not valid UTF-8");
        }
        List<Glob> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripEnd(lines[i]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("!")) {
                throw MemosException.usage(name + " line " + (i + 1) + ": '!' (negation) is not supported; write '\\!' for a name starting with '!'");
            }
            if (out.size() == MAX_PATTERNS) {
                throw MemosException.usage(name + " line " + (i + 1) + ": more than " + MAX_PATTERNS + " patterns");
            }
            try {
                out.add(Glob.compile(line));
            } catch (Glob.SyntaxException e) {
                throw MemosException.usage(name + " line " + (i + 1) + ": " + e.getMessage() + " in " + clip(line));
            }
        }
        return out;
    }

    private static String stripEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            if (end >= 2 && line.charAt(end - 2) == '\\' && line.charAt(end - 1) != '\r') {
                break; // "\ " keeps a trailing space, as in gitignore
            }
            end--;
        }
        return line.substring(0, end);
    }

    private static String clip(String p) {
        String shown = p.length() > 60 ? p.substring(0, 60) + "…" : p;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    /** Whether this entry itself is matched (a walk prunes a matched folder, so its contents need no test). */
    public boolean matches(String path, boolean directory) {
        for (Glob g : globs) {
            if (g.matches(path, directory)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry or one of its parent folders is matched: what "restore --include" selects. */
    public boolean matchesOrUnder(String path, boolean directory) {
        if (matches(path, directory)) {
            return true;
        }
        for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
            if (matches(path.substring(0, i), true)) {
                return true;
            }
        }
        return false;
    }

    public List<String> patterns() {
        return globs.stream().map(Glob::source).toList();
    }
}
