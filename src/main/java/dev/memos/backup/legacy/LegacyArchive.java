package dev.memos.backup.legacy;

import dev.memos.backup.EntryNames;
import dev.memos.error.MemosException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts the original's gzip'd PAX tar into a fresh staging folder (FORMAT.md §16.5). Only
 * regular files are accepted, each under memos' name rule, once, in inventory order and of the
 * inventory's size; a symbolic link (which the original writes for a symlinked file) is refused by
 * name. The inventory bounds how much is read, so a decompression bomb stops at its declared size.
 * Parent folders, which the original never stores, are created with the default mode.
 */
public final class LegacyArchive {
    private LegacyArchive() {
    }

    /** Writes every file under {@code root} (an empty private folder) and returns the file count. */
    public static long extract(byte[] tarGz, LegacyManifest m, Path root) {
        if (!m.files().isEmpty() && m.files().size() != m.fileCount()) {
            throw LegacyManifest.bad("inventory.file_count is " + m.fileCount() + " but inventory.files lists " + m.files().size());
        }
        Set<String> seen = new HashSet<>();
        long count = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)),
                "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = EntryNames.check(e.getName());
                checkType(e, name);
                if (!seen.add(name)) {
                    throw reject(name, "a duplicate entry");
                }
                if (count >= m.fileCount()) {
                    throw MemosException.integrity("the bundle holds more files than its inventory.file_count " + m.fileCount()
                            + " (the extra one is " + quote(name) + "); nothing was changed");
                }
                if (!m.files().isEmpty()) {
                    LegacyManifest.File want = m.files().get((int) count);
                    if (!want.path().equals(name)) {
                        throw reject(name, "not the inventory's entry " + (count + 1) + ", " + quote(want.path()));
                    }
                    if (want.size() != e.getSize()) {
                        throw reject(name, e.getSize() + " bytes where the inventory says " + want.size());
                    }
                }
                write(tar, e, resolve(root, name));
                count++;
            }
        } catch (IOException | IllegalArgumentException ex) {
            throw MemosException.integrity("the archive inside the original MemOS bundle is malformed ("
                    + String.valueOf(ex.getMessage()).replaceAll("\\s+", " ") + "); nothing was changed");
        }
        if (count != m.fileCount()) {
            throw MemosException.integrity("the bundle holds " + count + " files but its inventory.file_count is " + m.fileCount()
                    + ": it is incomplete; nothing was changed");
        }
        return count;
    }

    private static void checkType(TarArchiveEntry e, String name) {
        if (!e.isCheckSumOK()) {
            throw reject(name, "a tar header with a bad checksum");
        }
        if (e.isSymbolicLink()) {
            throw reject(name, "a symbolic link, as the original MemOS stores a symlinked file");
        }
        if (e.isLink()) {
            throw reject(name, "a hard link");
        }
        if (!e.isFile() || e.isDirectory()) {
            throw reject(name, "an entry of type '" + (char) e.getLinkFlag() + "', not a regular file");
        }
    }

    private static Path resolve(Path root, String name) {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw reject(name, "a name that escapes the destination");
        }
        return target;
    }

    private static void write(InputStream tar, TarArchiveEntry e, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = e.getSize();
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw reject(e.getName(), "content cut short");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        try {
            Files.setLastModifiedTime(target, FileTime.from(e.getModTime().toInstant()));
            Files.setPosixFilePermissions(target, permissions((e.getMode() & 0777) | 0600));
        } catch (UnsupportedOperationException ignored) {
            // a non-POSIX file system keeps its defaults
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                s.add(p);
            }
        }
        return s;
    }

    private static MemosException reject(String name, String why) {
        return MemosException.integrity("the original MemOS bundle holds an unsafe entry " + quote(name) + " (" + why
                + "): refusing to restore it; nothing was changed");
    }

    private static String quote(String name) {
        return "\"" + name.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
