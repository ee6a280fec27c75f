package dev.memos.app.legacy;

import dev.memos.backup.legacy.LegacyManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code inspect} of an original MemOS manifest. Its bundle has no header to show (the original
 * writes none), but the manifest is public plaintext, so it is shown without the key. Only a small
 * file starting with '{' is parsed, so inspecting a large bundle never reads it whole.
 */
public final class LegacyInspect {
    private static final long MAX_MANIFEST = 16L * 1024 * 1024;

    private LegacyInspect() {
    }

    /** The public fields of an original manifest; the bundle fields are null when the manifest has none. */
    public record Result(boolean legacy, int version, long sequence, long createdAt, String ethAddress, String kdf,
                         String kdfSaltVersion, boolean signed, String bundleSha256, Long bundleSizeBytes,
                         long fileCount, List<LegacyManifest.File> files, String manifestSha256) {
    }

    public static Optional<Result> describe(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_MANIFEST || !startsWithBrace(file)) {
            return Optional.empty();
        }
        return LegacyManifest.read(file).map(m -> new Result(true, m.version(), m.sequence(), m.createdAt(), m.ethAddress(),
                m.kdf(), m.salt(), m.signature().isPresent(), m.bundleSha256().orElse(null), m.bundleSizeBytes().orElse(null), m.fileCount(), m.files(),
                m.sha256()));
    }

    private static boolean startsWithBrace(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{';
        }
    }
}
