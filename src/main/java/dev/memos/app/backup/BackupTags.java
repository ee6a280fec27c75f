package dev.memos.app.backup;

import dev.memos.arweave.Tag;
import dev.memos.backup.ManifestEnvelope;
import java.util.List;
import java.util.Map;

/**
 * The tags a memos backup carries (FORMAT.md §6): no address and no file names, so the index
 * learns nothing beyond "a memos bundle of this size and time". Tags only find candidates; every
 * candidate is verified with the key before it is believed.
 */
public final class BackupTags {
    public static final String APP_NAME = "MEMOS";
    public static final String FORMAT_VERSION = "1";

    private BackupTags() {
    }

    public static List<Tag> of(ManifestEnvelope env, long unixTime) {
        return List.of(new Tag("App-Name", APP_NAME), new Tag("App-Version", FORMAT_VERSION),
                new Tag("Content-Type", "application/octet-stream"), new Tag("Unix-Time", Long.toString(unixTime)),
                new Tag("Manifest-SHA256", env.manifest().sha256()), new Tag("Bundle-SHA256", env.bundleSha256()));
    }

    /**
     * Single bundles only: App-Version 1. Snapshot packs and snapshot files (App-Version 2,
     * FORMAT.md §14.9) share the App-Name and are found by their own query.
     */
    public static Map<String, String> query() {
        return Map.of("App-Name", APP_NAME, "App-Version", FORMAT_VERSION);
    }
}
