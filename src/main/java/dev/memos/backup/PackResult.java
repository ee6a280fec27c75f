package dev.memos.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BundlePacker#pack} produced. {@code envelope} is the detached manifest.json content
 * ({@link ManifestEnvelope#toBytes()} gives its exact bytes); the bundle's SHA-256 and size are in it too.
 */
public record PackResult(Path bundle, ManifestEnvelope envelope, List<SkippedEntry> skipped) {
    public PackResult {
        skipped = List.copyOf(skipped);
    }

    public Manifest manifest() {
        return envelope.manifest();
    }

    public byte[] manifestBytes() {
        return envelope.toBytes();
    }

    public String bundleSha256() {
        return envelope.bundleSha256();
    }

    public long bundleSize() {
        return envelope.bundleSize();
    }

    public long files() {
        return manifest().fileCount();
    }
}
