package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local speed-up of FORMAT.md §14.8: file metadata → chunk ids of the snapshot it was written
 * with, so an unchanged file costs a stat, not a read. It is MAC'd, bound to one snapshot id, and
 * only ever consulted for chunks that the verified parent snapshot indexes; anything wrong with it
 * means "no cache", never an error.
 */
public final class MetadataCache {
    static final String MAC_LABEL = "memos snapshot cache v1\n";

    /** What a file looked like when its chunks were taken. */
    public record Stat(long size, long mtimeNanos, long ctimeNanos, long inode) {
    }

    record Entry(Stat stat, List<String> chunks) {
    }

    private final String snapshotId;
    private final Map<String, Entry> files;

    private MetadataCache(String snapshotId, Map<String, Entry> files) {
        this.snapshotId = snapshotId;
        this.files = files;
    }

    public static MetadataCache empty() {
        return new MetadataCache(null, Map.of());
    }

    /** The cache for {@code parentId}, or an empty one if the file is missing, damaged, forged or stale. */
    public static MetadataCache load(Path file, SnapshotKeys keys, String parentId) {
        if (file == null || parentId == null) {
            return empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            if (!(n instanceof ObjectNode o) || !o.path("hmac").isTextual() || !parentId.equals(o.path("snapshot").asText())) {
                return empty();
            }
            String mac = o.remove("hmac").asText();
            if (!Hash.equal(Hex.decode(mac), mac(keys, o))) {
                return empty();
            }
            Map<String, Entry> files = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                List<String> chunks = new ArrayList<>();
                v.get(4).forEach(c -> chunks.add(c.asText()));
                files.put(e.getKey(), new Entry(new Stat(v.get(0).asLong(), v.get(1).asLong(), v.get(2).asLong(), v.get(3).asLong()), chunks));
            }
            return new MetadataCache(parentId, files);
        } catch (IOException | RuntimeException e) {
            return empty(); // a cache is only a speed-up: anything odd means reading the files again
        }
    }

    private static byte[] mac(SnapshotKeys keys, ObjectNode withoutMac) {
        return HmacSha256.mac(keys.snapshotMacKey(), MAC_LABEL.getBytes(StandardCharsets.US_ASCII), CanonicalJson.bytes(withoutMac));
    }

    /** Chunk ids recorded for {@code path} if the file still looks the same, else null. */
    List<String> lookup(String path, Stat now) {
        Entry e = files.get(path);
        return e != null && e.stat().equals(now) ? e.chunks() : null;
    }

    String snapshotId() {
        return snapshotId;
    }

    /** Writes the cache for a new snapshot; failures are ignored (the next backup just reads more). */
    static void save(Path file, SnapshotKeys keys, String snapshotId, Map<String, Entry> files) {
        if (file == null) {
            return;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("format", 1);
        o.put("snapshot", snapshotId);
        ObjectNode fs = o.putObject("files");
        files.forEach((path, e) -> {
            ArrayNode a = fs.putArray(path);
            a.add(e.stat().size()).add(e.stat().mtimeNanos()).add(e.stat().ctimeNanos()).add(e.stat().inode());
            ArrayNode c = a.addArray();
            e.chunks().forEach(c::add);
        });
        o.put("hmac", Hex.encode(mac(keys, o)));
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
            AtomicFile.replace(file, CanonicalJson.bytes(o)); // a cache: atomic, not durable
        } catch (IOException | RuntimeException ignored) {
            // best effort by design
        }
    }
}
