package dev.memos.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;

/**
 * Overwrites every regular file of a folder with random bytes (fsynced) before removing it, then
 * removes the folders. Links are removed, never followed. On copy-on-write or journaling file
 * systems and SSDs an overwrite is best effort; the key files are also encrypted at rest.
 */
final class SecureDelete {
    private SecureDelete() {
    }

    static void tree(Path dir, SecureRandom random) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    overwrite(file, attrs.size(), random);
                }
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void overwrite(Path file, long size, SecureRandom random) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] junk = new byte[8192];
            long left = size;
            while (left > 0) {
                random.nextBytes(junk);
                int n = (int) Math.min(junk.length, left);
                ch.write(ByteBuffer.wrap(junk, 0, n));
                left -= n;
            }
            ch.force(true);
        }
    }
}
