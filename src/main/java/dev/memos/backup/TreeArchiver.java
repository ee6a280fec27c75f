package dev.memos.backup;

import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a directory tree as the pax tar archive of FORMAT.md §3.3 and builds the inventory while
 * doing so: each file is read once, hashed and archived in the same pass. Links and special files
 * are skipped and reported. Deterministic: sorted children, uid/gid 0, no owner names.
 */
final class TreeArchiver {
    private final Path root;
    private final ProgressListener progress;
    private final List<FileEntry> inventory = new ArrayList<>();
    private final List<SkippedEntry> skipped = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private final Hash fileSha = Hash.sha256();
    private long files;
    private long bytes;
    private long lastReport;

    TreeArchiver(Path root, ProgressListener progress) {
        this.root = root;
        this.progress = progress;
    }

    List<FileEntry> inventory() {
        return inventory;
    }

    List<SkippedEntry> skipped() {
        return skipped;
    }

    /** Writes the archive to {@code out} and closes it. */
    void write(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            walk(root, "", tar);
            tar.finish();
        }
        progress.update("pack", files, bytes, -1);
    }

    private void walk(Path dir, String prefix, TarArchiveOutputStream tar) throws IOException {
        // Exact names first, for every child: a name that is not valid UTF-8 stops the pack before
        // anything is written, and the order is the one of the names the bundle stores.
        List<Map.Entry<String, Path>> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                children.add(Map.entry(ExactNames.nameOf(child), child));
            }
        }
        children.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, Path> c : children) {
            Path child = c.getValue();
            String name = prefix + c.getKey();
            BasicFileAttributes attrs = attributes(child);
            if (attrs.isSymbolicLink()) {
                skipped.add(new SkippedEntry(name, "symbolic link"));
                continue;
            }
            if (attrs.isOther()) {
                skipped.add(new SkippedEntry(name, "special file (device, FIFO or socket)"));
                continue;
            }
            try {
                EntryNames.check(name);
            } catch (MemosException e) {
                skipped.add(new SkippedEntry(name, "name cannot be stored safely"));
                continue;
            }
            int mode = attrs instanceof PosixFileAttributes pa ? toBits(pa.permissions())
                    : attrs.isDirectory() ? 0755 : 0644;
            long mtime = attrs.lastModifiedTime().to(TimeUnit.SECONDS);
            if (attrs.isDirectory()) {
                TarArchiveEntry e = entry(name + "/", mode, mtime);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
                inventory.add(FileEntry.dir(name, mode, mtime));
                walk(child, name + "/", tar);
            } else if (attrs.isRegularFile()) {
                long size = attrs.size();
                TarArchiveEntry e = entry(name, mode, mtime);
                e.setSize(size);
                tar.putArchiveEntry(e);
                String sha = copy(child, name, size, tar);
                tar.closeArchiveEntry();
                inventory.add(FileEntry.file(name, size, sha, mode, mtime));
                files++;
                report();
            } else {
                skipped.add(new SkippedEntry(name, "not a regular file or directory"));
            }
        }
    }

    private static TarArchiveEntry entry(String name, int mode, long mtime) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(mode);
        e.setModTime(FileTime.from(mtime, TimeUnit.SECONDS));
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    private String copy(Path file, String name, long size, OutputStream tar) throws IOException {
        Hash sha = fileSha;
        sha.reset();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw MemosException.failure("'" + name + "' shrank while it was being packed: stop what writes to it and pack again", null);
                }
                sha.update(buffer, 0, n);
                tar.write(buffer, 0, n);
                left -= n;
                bytes += n;
                report();
            }
            if (in.read() >= 0) {
                throw MemosException.failure("'" + name + "' grew while it was being packed: stop what writes to it and pack again", null);
            }
        }
        return Hex.encode(sha.digest());
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastReport > 200_000_000L) {
            lastReport = now;
            progress.update("pack", files, bytes, -1);
        }
    }

    // One lstat per entry: the POSIX view carries the type, size, mtime and mode bits together.
    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static int toBits(Set<PosixFilePermission> perms) {
        int bits = 0;
        for (PosixFilePermission p : perms) {
            bits |= 1 << (8 - p.ordinal());
        }
        return bits;
    }
}
