package dev.memos.backup;

import dev.memos.error.MemosException;

/**
 * The one rule for names inside a bundle (FORMAT.md §3.3): relative, '/'-separated, no empty,
 * "." or ".." component, no NUL. Checked on the manifest and again on every tar entry, so a name
 * that would escape the destination is refused before any path is built from it.
 */
public final class EntryNames {
    static final int MAX_LENGTH = 4096;

    private EntryNames() {
    }

    /** Returns the name without a trailing '/', or throws an integrity error naming the problem. */
    public static String check(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw reject(raw, "an empty name");
        }
        String name = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty() || name.startsWith("/")) {
            throw reject(raw, "an absolute path");
        }
        if (name.length() > MAX_LENGTH) {
            throw reject(raw.substring(0, 64) + "…", "a name longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            throw reject(raw, "a NUL character in the name");
        }
        if (!isWellFormed(name)) {
            throw reject(raw, "a name that is not valid Unicode (an unpaired surrogate)");
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            throw reject(raw, "a drive-letter path");
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                throw reject(raw, "an empty or '.' path component");
            }
            if (part.equals("..")) {
                throw reject(raw, "a '..' component");
            }
        }
        return name;
    }

    // A lone surrogate has no UTF-8 form: writing it would silently become '?' on disk.
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static MemosException reject(String name, String why) {
        return MemosException.integrity("the bundle holds an unsafe entry " + quote(name) + " (" + why
                + "): refusing to restore it; nothing was changed");
    }

    static String quote(String name) {
        if (name == null) {
            return "\"\"";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(name.length(), 200); i++) {
            char c = name.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.append(name.length() > 200 ? "…\"" : "\"").toString();
    }
}
