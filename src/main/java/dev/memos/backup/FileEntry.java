package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;

/**
 * One inventory line of a manifest: a regular file (size and SHA-256) or a directory. Paths are
 * relative, '/'-separated, without a trailing slash; mode holds permission bits only (0..0777).
 */
public record FileEntry(String path, Type type, long size, String sha256, int mode, long mtime) {
    public enum Type { FILE, DIR }

    private static final Set<String> FILE_KEYS = Set.of("path", "type", "size", "sha256", "mode", "mtime");
    private static final Set<String> DIR_KEYS = Set.of("path", "type", "mode", "mtime");

    public FileEntry {
        Objects.requireNonNull(path);
        Objects.requireNonNull(type);
        if (type == Type.DIR && (size != 0 || sha256 != null)) {
            throw new IllegalArgumentException("a directory entry has no size or hash");
        }
    }

    public static FileEntry file(String path, long size, String sha256, int mode, long mtime) {
        return new FileEntry(path, Type.FILE, size, Objects.requireNonNull(sha256), mode & 0777, mtime);
    }

    public static FileEntry dir(String path, int mode, long mtime) {
        return new FileEntry(path, Type.DIR, 0, null, mode & 0777, mtime);
    }

    public boolean isDirectory() {
        return type == Type.DIR;
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("path", path);
        n.put("type", type == Type.FILE ? "file" : "dir");
        if (type == Type.FILE) {
            n.put("size", size);
            n.put("sha256", sha256);
        }
        n.put("mode", mode);
        n.put("mtime", mtime);
        return n;
    }

    static FileEntry fromJson(JsonNode n) {
        String type = StrictJson.READ.text(n, "type");
        String path = EntryNames.check(StrictJson.READ.text(n, "path"));
        int mode = (int) StrictJson.READ.integer(n, "mode", 0, 0777);
        long mtime = StrictJson.READ.integer(n, "mtime", Long.MIN_VALUE, Long.MAX_VALUE);
        switch (type) {
            case "file" -> {
                StrictJson.READ.exactKeys(n, FILE_KEYS, "inventory entry");
                return file(path, StrictJson.READ.integer(n, "size", 0, Long.MAX_VALUE), StrictJson.READ.sha256(n, "sha256"), mode, mtime);
            }
            case "dir" -> {
                StrictJson.READ.exactKeys(n, DIR_KEYS, "inventory entry");
                return dir(path, mode, mtime);
            }
            default -> throw StrictJson.bad("inventory entry type '" + type + "'");
        }
    }
}
