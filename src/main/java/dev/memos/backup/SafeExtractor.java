package dev.memos.backup;

import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads a tar stream against a signed inventory and (unless {@code root} is null, which verifies
 * only) writes it under a fresh private directory. Every entry must be a regular file or directory
 * named by the safe-name rule, appear once, be in the inventory with the same type, and a file must
 * have exactly the inventory's size and SHA-256; so nothing is ever written that the inventory does
 * not allow, and no more bytes are read than it declares (decompression bombs stop there).
 */
final class SafeExtractor {
    private static final long PER_ENTRY_OVERHEAD = 32 * 1024;
    private static final java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(permissions(0700));

    private final Path root;
    private final Map<String, FileEntry> inventory = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final List<FileEntry> dirs = new ArrayList<>();
    private final ProgressListener progress;
    private final long totalBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private long files;
    private long bytes;
    private long lastReport;

    SafeExtractor(Path root, Manifest manifest, ProgressListener progress) {
        this.root = root;
        this.progress = progress;
        this.totalBytes = manifest.totalBytes();
        manifest.files().forEach(f -> inventory.put(f.path(), f));
    }

    /** Upper bound on the tar stream's length that the inventory allows (headers, pax records, padding). */
    static long archiveBudget(Manifest m) {
        return m.totalBytes() + (m.files().size() + 2L) * PER_ENTRY_OVERHEAD + 64 * 1024;
    }

    void extract(InputStream tarStream) throws IOException {
        TarHeaderTap tap = new TarHeaderTap(tarStream);
        TarArchiveInputStream tar = new TarArchiveInputStream(tap, 512, 512, "UTF-8", false);
        TarArchiveEntry e;
        while ((e = nextEntry(tar)) != null) {
            String name = EntryNames.check(e.getName());
            String afterNul = TarHeaderTap.nameAfterNul(tap.lastRecord());
            if (afterNul != null) {
                throw EntryNames.reject(name, afterNul);
            }
            checkType(e, name);
            if (!seen.add(name)) {
                throw EntryNames.reject(name, "a duplicate entry");
            }
            FileEntry expected = inventory.get(name);
            if (expected == null) {
                throw EntryNames.reject(name, "an entry that is not in the signed inventory");
            }
            if (expected.isDirectory() != e.isDirectory()) {
                throw EntryNames.reject(name, "an entry whose type differs from the inventory");
            }
            Path target = resolve(name);
            if (expected.isDirectory()) {
                if (target != null) {
                    createDirectories(target);
                }
                dirs.add(expected);
            } else {
                if (e.getSize() != expected.size()) {
                    throw EntryNames.reject(name, e.getSize() > expected.size()
                            ? "more bytes than the inventory allows (" + e.getSize() + " > " + expected.size() + ")"
                            : "fewer bytes than the inventory says");
                }
                writeFile(tar, target, expected);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String p : inventory.keySet()) {
            if (!seen.contains(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            missing.sort(null);
            throw MemosException.integrity(missing.size() + " inventory entries are missing from the archive (first: "
                    + EntryNames.quote(missing.get(0)) + "): the bundle is incomplete; nothing was changed");
        }
        progress.update("restore", files, bytes, totalBytes);
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException | IOException ex) {
            MemosException cause = BundleScanner.memosCause(ex);
            if (cause != null) {
                throw cause;
            }
            throw MemosException.integrity("the archive inside the bundle is malformed (" + oneLine(ex.getMessage())
                    + "): refusing to restore it; nothing was changed");
        }
    }

    private static String oneLine(String s) {
        return s == null ? "bad header" : s.replaceAll("\\s+", " ");
    }

    private static void checkType(TarArchiveEntry e, String name) {
        byte flag = e.getLinkFlag();
        if (!e.isCheckSumOK()) {
            throw EntryNames.reject(name, "a tar header with a bad checksum");
        }
        if (e.isSymbolicLink()) {
            throw EntryNames.reject(name, "a symbolic link");
        }
        if (e.isLink()) {
            throw EntryNames.reject(name, "a hard link");
        }
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw EntryNames.reject(name, "a device");
        }
        if (e.isFIFO()) {
            throw EntryNames.reject(name, "a FIFO");
        }
        if (e.isSparse() || e.isGNUSparse() || e.isPaxGNUSparse() || e.isOldGNUSparse() || e.isStarSparse()) {
            throw EntryNames.reject(name, "a sparse file");
        }
        boolean regular = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM;
        if (!regular && flag != TarConstants.LF_DIR) {
            throw EntryNames.reject(name, "an entry of type '" + (char) flag + "', neither a file nor a directory");
        }
        if (regular && e.getName().endsWith("/")) {
            throw EntryNames.reject(name, "a file whose name ends in '/'");
        }
    }

    /** The path inside root, checked once more after normalisation; null when only verifying. */
    private Path resolve(String name) {
        if (root == null) {
            return null;
        }
        Path target = ExactNames.resolve(root, name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw EntryNames.reject(name, "a name that escapes the destination");
        }
        return target;
    }

    private void writeFile(InputStream tar, Path target, FileEntry expected) throws IOException {
        Hash sha = Hash.sha256();
        if (target != null) {
            createDirectories(target.getParent());
        }
        try (DestinationFile out = target == null ? null : DestinationFile.create(target)) {
            long left = expected.size();
            while (left > 0) {
                int n = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw EntryNames.reject(expected.path(), "content cut short");
                }
                sha.update(buffer, 0, n);
                if (out != null) {
                    out.write(buffer, 0, n);
                }
                left -= n;
                bytes += n;
                report();
            }
        }
        if (!Hex.encode(sha.digest()).equals(expected.sha256())) {
            throw MemosException.integrity("the content of " + EntryNames.quote(expected.path())
                    + " does not match its SHA-256 in the manifest: the bundle is damaged; nothing was changed");
        }
        if (target != null) {
            applyMetadata(target, expected);
        }
        files++;
    }

    /**
     * Everything written to the destination fails as the destination's fault, not the bundle's.
     * Folders are created 0700: a listed one gets its inventory mode in {@link #finish()}, and a parent
     * the inventory does not list (FORMAT.md §4.1) stays private, whatever the umask.
     */
    private static void createDirectories(Path dir) {
        DestinationFile.checkNotStopping();
        try {
            Files.createDirectories(dir, PRIVATE_DIR);
        } catch (IOException e) {
            throw DestinationFile.failure(dir, e);
        }
    }

    /** Directory modes and times last, deepest first, so a read-only directory is filled before it closes. */
    void finish() throws IOException {
        if (root == null) {
            return;
        }
        dirs.sort((a, b) -> b.path().compareTo(a.path()));
        for (FileEntry d : dirs) {
            applyMetadata(ExactNames.resolve(root, d.path()), d);
        }
    }

    private static void applyMetadata(Path p, FileEntry e) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(e.mtime(), TimeUnit.SECONDS));
            Files.setPosixFilePermissions(p, permissions(e.mode() & 0777));
        } catch (UnsupportedOperationException ignored) {
            // a non-POSIX file system keeps its defaults
        } catch (IOException io) {
            throw DestinationFile.failure(p, io);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                s.add(p);
            }
        }
        return s;
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastReport > 200_000_000L) {
            lastReport = now;
            progress.update(root == null ? "verify" : "restore", files, bytes, totalBytes);
        }
    }
}
