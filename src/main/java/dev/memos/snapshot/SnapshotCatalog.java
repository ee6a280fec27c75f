package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local list of snapshots this key has already verified (FORMAT.md §14.8): snapshot id →
 * sequence, so that finding the newest snapshot reads only the snapshots this home has not seen
 * plus the newest one, instead of downloading and verifying every snapshot of the chain on every
 * backup and restore. Ids are SHA-256 of the object bytes, so an entry holds in every repository.
 * MAC'd under the snapshot MAC key: a catalog that is missing, damaged or forged is an empty one,
 * and it is never trusted over the snapshot it names (the newest is always read and verified whole).
 * Not thread-safe; processes that write it at once each write a complete file (the last one wins,
 * the other's entries are simply verified again next time).
 */
public final class SnapshotCatalog {
    static final String MAC_LABEL = "memos snapshot catalog v1\n";

    /** What a verified snapshot said of itself. */
    public record Entry(long sequence, String sha256, long storedBytes) {
    }

    private final Path file;
    private final SnapshotKeys keys;
    private final Map<String, Entry> entries;
    private boolean changed;

    private SnapshotCatalog(Path file, SnapshotKeys keys, Map<String, Entry> entries) {
        this.file = file;
        this.keys = keys;
        this.entries = entries;
    }

    /** A catalog that remembers nothing and writes nothing: every snapshot is read (as before the catalog). */
    public static SnapshotCatalog none(SnapshotKeys keys) {
        return new SnapshotCatalog(null, keys, new TreeMap<>());
    }

    /** The catalog in {@code file}, or an empty one when it is missing, unreadable or fails its MAC. */
    public static SnapshotCatalog load(Path file, SnapshotKeys keys) {
        if (file == null) {
            return none(keys);
        }
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            if (!(n instanceof ObjectNode o) || !o.path("hmac").isTextual() || o.path("format").asInt() != 1) {
                return new SnapshotCatalog(file, keys, new TreeMap<>());
            }
            String mac = o.remove("hmac").asText();
            if (!Hash.equal(Hex.decode(mac), mac(keys, o))) {
                return new SnapshotCatalog(file, keys, new TreeMap<>());
            }
            Map<String, Entry> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("snapshots").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                m.put(e.getKey(), new Entry(v.get(0).asLong(), v.get(1).asText(), v.get(2).asLong()));
            }
            return new SnapshotCatalog(file, keys, m);
        } catch (IOException | RuntimeException e) {
            return new SnapshotCatalog(file, keys, new TreeMap<>()); // only a speed-up: read the snapshots again
        }
    }

    private static byte[] mac(SnapshotKeys keys, ObjectNode withoutMac) {
        return HmacSha256.mac(keys.snapshotMacKey(), MAC_LABEL.getBytes(StandardCharsets.US_ASCII), CanonicalJson.bytes(withoutMac));
    }

    Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Records a snapshot that was just verified (or written by this process). */
    void put(String id, Snapshot s, long storedBytes) {
        Entry e = new Entry(s.sequence(), s.sha256(), storedBytes);
        if (!e.equals(entries.put(id, e))) {
            changed = true;
        }
    }

    /** Forgets an entry that disagreed with the snapshot it names. */
    void forget(String id) {
        if (entries.remove(id) != null) {
            changed = true;
        }
    }

    /** Writes the catalog if it changed; failures are ignored (the next run verifies more snapshots). */
    public void save() {
        if (file == null || !changed) {
            return;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", 1);
        ObjectNode s = o.putObject("snapshots");
        entries.forEach((id, e) -> s.putArray(id).add(e.sequence()).add(e.sha256()).add(e.storedBytes()));
        o.put("hmac", Hex.encode(mac(keys, o)));
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
            AtomicFile.replace(file, CanonicalJson.bytes(o)); // a cache: atomic, not durable
            changed = false;
        } catch (IOException | RuntimeException ignored) {
            // best effort by design
        }
    }

    @Override
    public String toString() {
        return "SnapshotCatalog[" + entries.size() + " snapshots]";
    }
}
