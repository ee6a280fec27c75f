package dev.memos.backup;

/** An input path pack did not archive (symlink, device, FIFO, socket, unreadable name), with why. */
public record SkippedEntry(String path, String reason) {
}
