package dev.memos.backup.legacy;

import dev.memos.arweave.Tag;
import dev.memos.arweave.Uploader;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only: puts an original MemOS backup on a network as the original's upload.mjs does (FORMAT.md
 * §16.6): the bundle item first, then the public manifest item pointing at it with {@code Bundle-TX},
 * both type-3 items signed by the uploader's ETH key and tagged with the given Owner-Hash.
 */
public final class LegacyUploads {
    private LegacyUploads() {
    }

    public static List<Tag> tags(String type, long unix, String ownerHash, String last, String lastValue) {
        return List.of(new Tag("App-Name", "MEMOS"), new Tag("App-Version", "2.4"),
                new Tag("Content-Type", type.equals("bundle") ? "application/octet-stream" : "application/json"),
                new Tag("Type", type), new Tag("Unix-Time", Long.toString(unix)), new Tag("Owner-Hash", ownerHash),
                new Tag(last, lastValue));
    }

    /** Uploads {@code b} (files written under {@code dir}) and returns the manifest item's id. */
    public static String upload(Uploader up, Path dir, LegacyWriter.Backup b, long unix, String ownerHash) throws IOException {
        Path bundle = Files.write(Files.createTempFile(dir, "legacy-bundle-", ".bin"), b.bundle());
        String bundleId = up.upload(bundle, tags("bundle", unix, ownerHash, "Bundle-SHA256", Hex.encode(Hash.sha256(b.bundle())))).id();
        Path manifest = Files.write(Files.createTempFile(dir, "legacy-manifest-", ".json"), b.manifestJson());
        return up.upload(manifest, tags("manifest", unix, ownerHash, "Bundle-TX", bundleId)).id();
    }
}
