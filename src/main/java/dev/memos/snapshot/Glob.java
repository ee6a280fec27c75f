package dev.memos.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * One path pattern of {@code --exclude}, {@code --include} and {@code .memosignore} (FORMAT.md
 * §14.9). Compiled once into segments; matching is dynamic programming over segments and, inside a
 * segment, the two-pointer wildcard walk, so no pattern can make matching slower than
 * O(pattern × path) (a regex translation could backtrack exponentially on a hostile ignore file).
 */
public final class Glob {
    /** Longest pattern accepted: longer is surely a mistake and would only cost time. */
    public static final int MAX_LENGTH = 1024;
    private static final String DOUBLE_STAR = "**";

    private final String source;
    private final List<String> segments;
    private final boolean anchored;
    private final boolean directoryOnly;

    private Glob(String source, List<String> segments, boolean anchored, boolean directoryOnly) {
        this.source = source;
        this.segments = List.copyOf(segments);
        this.anchored = anchored;
        this.directoryOnly = directoryOnly;
    }

    /** Thrown for a malformed pattern; the caller names where the pattern came from. */
    public static final class SyntaxException extends IllegalArgumentException {
        SyntaxException(String message) {
            super(message);
        }
    }

    public static Glob compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new SyntaxException("empty pattern");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new SyntaxException("pattern longer than " + MAX_LENGTH + " characters");
        }
        String p = pattern;
        boolean dirOnly = p.endsWith("/") && !p.endsWith("\\/");
        if (dirOnly) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.startsWith("/");
        if (anchored) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new SyntaxException("pattern names no file");
        }
        List<String> segs = new ArrayList<>();
        for (String s : p.split("/", -1)) {
            if (s.isEmpty()) {
                throw new SyntaxException("empty path segment ('//')");
            }
            checkSegment(s);
            segs.add(s);
        }
        // A pattern with an inner '/' names a path from the root; a bare name matches at any depth.
        return new Glob(pattern, segs, anchored || segs.size() > 1, dirOnly);
    }

    private static void checkSegment(String s) {
        if (s.contains(DOUBLE_STAR) && !s.equals(DOUBLE_STAR)) {
            throw new SyntaxException("'**' must be a whole path segment");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (++i >= s.length()) {
                    throw new SyntaxException("'\\' at the end escapes nothing");
                }
            } else if (c == '[') {
                i = classEnd(s, i);
            }
        }
    }

    /** Index of the ']' closing the class opened at {@code open}; refuses an unclosed or empty class. */
    private static int classEnd(String s, int open) {
        int i = open + 1;
        if (i < s.length() && s.charAt(i) == '!') {
            i++;
        }
        int first = i;
        while (i < s.length() && (s.charAt(i) != ']' || i == first)) {
            if (s.charAt(i) == '\\') {
                i++;
            }
            i++;
        }
        if (i >= s.length()) {
            throw new SyntaxException("unclosed '[' at column " + (open + 1));
        }
        return i;
    }

    public String source() {
        return source;
    }

    /**
     * Whether {@code path} (relative, '/'-separated, no leading '/') is matched. A pattern that
     * matches a folder matches everything below it, so callers may test parents first and prune.
     */
    public boolean matches(String path, boolean directory) {
        if (directoryOnly && !directory) {
            return false;
        }
        String[] parts = path.split("/", -1);
        if (anchored) {
            return matchFrom(parts, 0);
        }
        // Unanchored: a single segment compared with the last path segment.
        return segmentMatches(segments.get(0), parts[parts.length - 1]);
    }

    private boolean matchFrom(String[] parts, int start) {
        int n = segments.size();
        int m = parts.length - start;
        boolean[][] ok = new boolean[n + 1][m + 1];
        ok[n][m] = true;
        for (int i = n - 1; i >= 0; i--) {
            String seg = segments.get(i);
            for (int j = m; j >= 0; j--) {
                if (seg.equals(DOUBLE_STAR)) {
                    ok[i][j] = ok[i + 1][j] || (j < m && ok[i][j + 1]);
                } else {
                    ok[i][j] = j < m && ok[i + 1][j + 1] && segmentMatches(seg, parts[start + j]);
                }
            }
        }
        return ok[0][0];
    }

    /** Wildcard match of one name: '*' and '?' never cross '/', because names contain none. */
    static boolean segmentMatches(String pat, String name) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        while (s < name.length()) {
            if (p < pat.length() && pat.charAt(p) == '*') {
                starP = ++p;
                starS = s;
            } else if (p < pat.length() && atomMatches(pat, p, name.charAt(s))) {
                p = atomEnd(pat, p);
                s++;
            } else if (starP >= 0) {
                p = starP;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pat.length() && pat.charAt(p) == '*') {
            p++;
        }
        return p == pat.length();
    }

    private static int atomEnd(String pat, int p) {
        char c = pat.charAt(p);
        return c == '\\' ? p + 2 : c == '[' ? classEnd(pat, p) + 1 : p + 1;
    }

    private static boolean atomMatches(String pat, int p, char ch) {
        char c = pat.charAt(p);
        if (c == '?') {
            return true;
        }
        if (c == '\\') {
            return pat.charAt(p + 1) == ch;
        }
        if (c != '[') {
            return c == ch;
        }
        int end = classEnd(pat, p);
        int i = p + 1;
        boolean negate = pat.charAt(i) == '!';
        if (negate) {
            i++;
        }
        boolean hit = false;
        while (i < end) {
            char lo = pat.charAt(i);
            if (lo == '\\') {
                lo = pat.charAt(++i);
            }
            char hi = lo;
            if (i + 2 < end && pat.charAt(i + 1) == '-') {
                hi = pat.charAt(i + 2);
                if (hi == '\\') {
                    hi = pat.charAt(i + 3);
                    i++;
                }
                i += 2;
            }
            hit |= lo <= ch && ch <= hi;
            i++;
        }
        return hit != negate;
    }

    @Override
    public String toString() {
        return source;
    }
}
