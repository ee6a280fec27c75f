package dev.memos.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
        dev.memos.store.TempFiles.deleteTree(dir, (file, attrs) -> {
            if (attrs.isRegularFile()) {
                overwrite(file, attrs.size(), random);
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
