package dev.memos.backup;

import java.nio.file.Path;
import java.util.List;

/** A completed restore: where, what, and warnings (e.g. an overridden rollback). */
public record RestoreResult(Path destination, Manifest manifest, String bundleSha256, boolean replacedExisting,
                            List<String> warnings) {
    public RestoreResult {
        warnings = List.copyOf(warnings);
    }
}
