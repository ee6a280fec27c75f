package dev.memos.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The regular files under a folder and their total size (0, 0 when the folder does not exist). */
public record DirectorySize(long files, long bytes) {

    public static DirectorySize of(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new DirectorySize(0, 0);
        }
        long[] out = new long[2];
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                out[0]++;
                try {
                    out[1] += Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirectorySize(out[0], out[1]);
    }
}
