package dev.memos.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One line of a snapshot's tree (FORMAT.md §14.6): a directory, or a regular file with the ids of
 * the chunks that, concatenated, are its content. Paths are relative, '/'-separated.
 */
public record TreeEntry(String path, boolean directory, long size, int mode, long mtime, List<String> chunks) {
    public TreeEntry {
        Objects.requireNonNull(path);
        chunks = List.copyOf(chunks);
        if (directory && (size != 0 || !chunks.isEmpty())) {
            throw new IllegalArgumentException("a directory entry has no size or chunks");
        }
        mode &= 0777;
    }

    public static TreeEntry file(String path, long size, int mode, long mtime, List<String> chunks) {
        return new TreeEntry(path, false, size, mode, mtime, chunks);
    }

    public static TreeEntry dir(String path, int mode, long mtime) {
        return new TreeEntry(path, true, 0, mode, mtime, List.of());
    }
}
