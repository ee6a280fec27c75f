package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.config.MemosHome;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.CopySeals;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.HomeLock;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per address, the highest backup sequence this home has seen and its manifest hash (FORMAT.md §5).
 * Reads are lock-free snapshots; every change is a locked read-modify-write replaced atomically.
 * Pack holds {@link #lock()} for its whole run so two packs cannot take the same sequence.
 */
public final class RollbackIndex {
    public static final String FILE = "rollback-index.json";
    public static final String LOCK_FILE = "rollback-index.lock";
    /** The high-water mark of local {@code pack} and {@code unpack}, kept apart from the network chain. */
    public static final String LOCAL_FILE = "pack-index.json";

    /** What is known about one address. */
    public record Entry(long sequence, String manifestSha256) {
    }

    private final Path file;

    private RollbackIndex(Path file) {
        this.file = file.toAbsolutePath();
    }

    public static RollbackIndex at(Path file) {
        return new RollbackIndex(file);
    }

    /** The network chain: what backup, upload and restore have seen on Arweave. */
    public static RollbackIndex forHome(MemosHome home) {
        return new RollbackIndex(home.resolve(FILE));
    }

    /** Local packs and unpacks (FORMAT.md §5): never consulted by a restore from the network. */
    public static RollbackIndex localPacks(MemosHome home) {
        return new RollbackIndex(home.resolve(LOCAL_FILE));
    }

    public Path file() {
        return file;
    }

    /** Cross-process lock for read-modify-write (bounded wait, re-entrant for the holding thread: {@link HomeLock}). */
    public HomeLock lock() {
        try {
            PrivateFiles.ensureDirectory(file.getParent());
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        return HomeLock.acquire(file.resolveSibling(LOCK_FILE));
    }

    public Optional<Entry> latest(String address) {
        return Optional.ofNullable(load().get(EthAddress.parse(address).checksummed()));
    }

    /** The sequence the next backup of this address takes: highest known + 1, or 1. */
    public long nextSequence(String address) {
        return latest(address).map(e -> e.sequence() + 1).orElse(1L);
    }

    /**
     * Refuses a manifest older than what is known, or of the same sequence with another hash (a
     * fork). Returns a warning to show instead when {@code ignoreRollback} is set, else empty.
     */
    public Optional<String> check(Manifest m, boolean ignoreRollback) {
        return check(m.address(), m.sequence(), m.sha256(), "bundle", ignoreRollback, java.util.List.of(this));
    }

    /** As {@link #check(Manifest, boolean)} for any signed backup (bundle or snapshot) of {@code address}. */
    public Optional<String> check(String address, long sequence, String sha256, String what, boolean ignoreRollback) {
        return check(address, sequence, sha256, what, ignoreRollback, java.util.List.of(this));
    }

    /**
     * As {@link #check(Manifest, boolean)} against several indexes together: older than the highest
     * known sequence is a rollback; at that sequence the manifest must be one that an index holds
     * (a local pack and a backup may share a sequence, both following the same chain head).
     */
    public static Optional<String> check(Manifest m, boolean ignoreRollback, java.util.List<RollbackIndex> indexes) {
        return check(m.address(), m.sequence(), m.sha256(), "bundle", ignoreRollback, indexes);
    }

    public static Optional<String> check(String address, long sequence, String sha256, String what, boolean ignoreRollback,
            java.util.List<RollbackIndex> indexes) {
        long highest = -1;
        boolean matches = false;
        for (RollbackIndex index : indexes) {
            Optional<Entry> known = index.latest(address);
            if (known.isPresent()) {
                highest = Math.max(highest, known.get().sequence());
                matches |= known.get().sequence() == sequence && known.get().manifestSha256().equals(sha256);
            }
        }
        String problem = null;
        if (sequence < highest) {
            problem = "rollback: the " + what + " has sequence " + sequence + " but sequence " + highest
                    + " is already known for " + address;
        } else if (sequence == highest && !matches) {
            problem = "fork: the " + what + " has sequence " + sequence + ", the same as the known sequence " + highest
                    + " for " + address + ", but a different manifest";
        }
        if (problem == null) {
            return Optional.empty();
        }
        if (!ignoreRollback) {
            throw MemosException.integrity(problem + "; pass --ignore-rollback to restore it anyway");
        }
        return Optional.of("WARNING: " + problem + "; restoring anyway because of --ignore-rollback");
    }

    /** Records a sequence if it is higher than the known one (or new); takes the lock itself. */
    public void record(Manifest m) {
        try (HomeLock ignored = lock()) {
            recordLocked(m);
        }
    }

    /** As {@link #record(Manifest)} for a caller that already holds {@link #lock()}. */
    public void recordLocked(Manifest m) {
        recordLocked(m.address(), m.sequence(), m.sha256());
    }

    /** As {@link #recordLocked(Manifest)} for any signed backup (a snapshot records its snapshot_sha256). */
    public void recordLocked(String address, long sequence, String sha256) {
        String addr = EthAddress.parse(address).checksummed();
        Map<String, Entry> all = new TreeMap<>(load());
        Entry old = all.get(addr);
        if (old != null && old.sequence() >= sequence) {
            return;
        }
        all.put(addr, new Entry(sequence, sha256));
        save(all);
    }

    private Map<String, Entry> load() {
        return mirror().read().map(this::parseOrThrow).orElse(Map.of());
    }

    /** The index with its verified copy (FORMAT.md §17): damage is repaired from the copy, never reset. */
    private MirroredFile mirror() {
        return MirroredFile.builder(file).lock(file.resolveSibling(LOCK_FILE))
                .seal(CopySeals.device(file.getParent())).check(RollbackIndex::parse).build();
    }

    private Map<String, Entry> parseOrThrow(byte[] raw) {
        try {
            return parse(raw);
        } catch (IOException | IllegalArgumentException e) {
            throw MemosException.integrity("the rollback index " + file + " is damaged: restore it from a backup or move it aside"
                    + " (then rollback protection starts over)");
        }
    }

    private static Map<String, Entry> parse(byte[] raw) throws IOException {
        JsonNode n = Json.mapper().readTree(raw);
        if (n == null || !n.isObject() || n.path("format").asInt() != 1 || !n.path("addresses").isObject()) {
            throw new IOException("unexpected structure");
        }
        Map<String, Entry> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.get("addresses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String sha = v.path("manifest_sha256").asText("");
            if (!v.path("sequence").canConvertToLong() || !sha.matches("[0-9a-f]{64}")) {
                throw new IOException("bad entry");
            }
            out.put(EthAddress.parse(e.getKey()).checksummed(), new Entry(v.get("sequence").longValue(), sha));
        }
        return out;
    }

    private void save(Map<String, Entry> all) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", 1);
        ObjectNode addresses = root.putObject("addresses");
        all.forEach((a, e) -> addresses.putObject(a).put("sequence", e.sequence()).put("manifest_sha256", e.manifestSha256()));
        try {
            mirror().write(CanonicalJson.bytes(root));
        } catch (IOException e) {
            throw MemosException.failure("cannot update the rollback index " + file + ": " + e.getMessage(), e);
        }
    }
}
