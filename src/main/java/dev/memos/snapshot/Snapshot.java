package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.EntryNames;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of a snapshot (FORMAT.md §14.6): who, which sequence, the previous backup's hash, the
 * tree and the full index of the chunks the tree uses. Immutable; {@link #fromJson} enforces every
 * body rule, so a Snapshot in hand is self-consistent (its signature is checked by SnapshotCodec).
 */
public final class Snapshot {
    public static final int FORMAT = 2;
    private static final Set<String> KEYS = Set.of("format", "address", "sequence", "previous_sha256", "created_at",
            "chunker", "file_count", "dir_count", "total_bytes", "tree", "packs");
    /** {@code siblings} is optional: present only when the writer saw a fork (FORMAT.md §14.9). */
    private static final Set<String> KEYS_WITH_SIBLINGS = with(KEYS, "siblings");
    private static final Set<String> FILE_KEYS = Set.of("path", "type", "size", "mode", "mtime", "chunks");
    private static final Set<String> DIR_KEYS = Set.of("path", "type", "mode", "mtime");
    private static final Set<String> PACK_KEYS = Set.of("id", "blobs");
    private static final Set<String> CHUNKER_KEYS = Set.of("min", "avg", "max");

    private final String address;
    private final long sequence;
    private final String previousSha256;
    private final String createdAt;
    private final ChunkerParams chunker;
    private final List<TreeEntry> tree;
    private final Map<String, BlobRef> index;
    private final List<String> siblings;
    private final String canonical;

    private static Set<String> with(Set<String> base, String extra) {
        Set<String> s = new java.util.HashSet<>(base);
        s.add(extra);
        return Set.copyOf(s);
    }

    private Snapshot(String address, long sequence, String previousSha256, String createdAt, ChunkerParams chunker,
            List<TreeEntry> tree, Map<String, BlobRef> index, List<String> siblings) {
        this.siblings = siblings.stream().sorted().distinct().toList();
        this.address = address;
        this.sequence = sequence;
        this.previousSha256 = previousSha256;
        this.createdAt = createdAt;
        this.chunker = chunker;
        this.tree = List.copyOf(tree);
        this.index = Collections.unmodifiableMap(new HashMap<>(index));
        this.canonical = CanonicalJson.string(toJson());
    }

    /**
     * A new body. The tree is sorted here; {@code known} must hold a ref for every chunk the tree
     * uses (extra refs are dropped, so the index lists exactly the tree's chunks).
     */
    public static Snapshot create(String address, long sequence, String previousSha256, String createdAt,
            ChunkerParams chunker, List<TreeEntry> tree, Map<String, BlobRef> known) {
        return create(address, sequence, previousSha256, createdAt, chunker, tree, known, List.of());
    }

    /**
     * As above, recording {@code siblings}: ids of other verified snapshots that carry the parent's
     * sequence (a fork the writer saw and did not chain on), so none is shadowed unseen.
     */
    public static Snapshot create(String address, long sequence, String previousSha256, String createdAt,
            ChunkerParams chunker, List<TreeEntry> tree, Map<String, BlobRef> known, List<String> siblings) {
        List<TreeEntry> sorted = new ArrayList<>(tree);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        Map<String, BlobRef> used = new HashMap<>();
        for (TreeEntry e : sorted) {
            for (String c : e.chunks()) {
                used.put(c, Objects.requireNonNull(known.get(c), "no pack known for chunk " + c));
            }
        }
        return new Snapshot(EthAddress.parse(address).checksummed(), sequence, previousSha256, createdAt, chunker, sorted, used, siblings);
    }

    /** Snapshot ids of the fork siblings the writer recorded (sorted; empty when there was no fork). */
    public List<String> siblings() {
        return siblings;
    }

    public String address() {
        return address;
    }

    public long sequence() {
        return sequence;
    }

    public String previousSha256() {
        return previousSha256;
    }

    public String createdAt() {
        return createdAt;
    }

    public ChunkerParams chunker() {
        return chunker;
    }

    public List<TreeEntry> tree() {
        return tree;
    }

    /** chunk id → where it lies. */
    public Map<String, BlobRef> index() {
        return index;
    }

    public long fileCount() {
        return tree.stream().filter(e -> !e.directory()).count();
    }

    public long totalBytes() {
        return tree.stream().mapToLong(TreeEntry::size).sum();
    }

    public String canonicalText() {
        return canonical;
    }

    /** snapshot_sha256 = SHA-256 of the canonical body. */
    public String sha256() {
        return Hex.encode(Hash.sha256(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("format", FORMAT);
        n.put("address", address);
        n.put("sequence", sequence);
        if (previousSha256 == null) {
            n.putNull("previous_sha256");
        } else {
            n.put("previous_sha256", previousSha256);
        }
        n.put("created_at", createdAt);
        if (!siblings.isEmpty()) {
            ArrayNode sib = n.putArray("siblings");
            siblings.forEach(sib::add);
        }
        ObjectNode c = n.putObject("chunker");
        c.put("min", chunker.min());
        c.put("avg", chunker.avg());
        c.put("max", chunker.max());
        n.put("file_count", fileCount());
        n.put("dir_count", tree.size() - fileCount());
        n.put("total_bytes", totalBytes());
        ArrayNode t = n.putArray("tree");
        for (TreeEntry e : tree) {
            ObjectNode o = t.addObject();
            o.put("path", e.path());
            o.put("type", e.directory() ? "dir" : "file");
            o.put("mode", e.mode());
            o.put("mtime", e.mtime());
            if (!e.directory()) {
                o.put("size", e.size());
                ArrayNode ch = o.putArray("chunks");
                e.chunks().forEach(ch::add);
            }
        }
        Map<String, List<BlobRef>> byPack = new TreeMap<>();
        for (BlobRef r : index.values()) {
            byPack.computeIfAbsent(r.packId(), k -> new ArrayList<>()).add(r);
        }
        ArrayNode p = n.putArray("packs");
        for (Map.Entry<String, List<BlobRef>> e : byPack.entrySet()) {
            ObjectNode o = p.addObject();
            o.put("id", e.getKey());
            ArrayNode blobs = o.putArray("blobs");
            e.getValue().sort((a, b) -> Long.compare(a.offset(), b.offset()));
            for (BlobRef r : e.getValue()) {
                blobs.addArray().add(r.chunkId()).add(r.offset()).add(r.length()).add(r.rawLength());
            }
        }
        return n;
    }

    /** Absent, or a non-empty array of snapshot ids in strictly increasing order. */
    private static List<String> parseSiblings(JsonNode v) {
        if (v == null) {
            return List.of();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw SnapshotJson.bad("'siblings' is not a non-empty array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode id : v) {
            String h = SnapshotJson.READ.hex32(id, "siblings");
            if (!out.isEmpty() && out.get(out.size() - 1).compareTo(h) >= 0) {
                throw SnapshotJson.bad("'siblings' is not sorted without duplicates");
            }
            out.add(h);
        }
        return out;
    }

    /** Parses a body and checks every §14.6 body rule. */
    public static Snapshot fromJson(JsonNode n) {
        SnapshotJson.READ.exactKeys(n, n != null && n.has("siblings") ? KEYS_WITH_SIBLINGS : KEYS, "snapshot");
        if (SnapshotJson.READ.integerValue(n.get("format"), "format", 0, Integer.MAX_VALUE) != FORMAT) {
            throw SnapshotJson.bad("format is not " + FORMAT);
        }
        String address = SnapshotJson.READ.text(n, "address");
        if (!isChecksummed(address)) {
            throw SnapshotJson.bad("'address' is not an EIP-55 address");
        }
        long sequence = SnapshotJson.READ.integerValue(n.get("sequence"), "sequence", 1, Long.MAX_VALUE);
        JsonNode prev = n.get("previous_sha256");
        String previous = prev != null && prev.isNull() ? null : SnapshotJson.READ.hex32(prev, "previous_sha256");
        String createdAt = SnapshotJson.READ.text(n, "created_at");
        if (!createdAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
            throw SnapshotJson.bad("'created_at' is not YYYY-MM-DDTHH:MM:SSZ");
        }
        JsonNode c = n.get("chunker");
        SnapshotJson.READ.exactKeys(c, CHUNKER_KEYS, "chunker");
        ChunkerParams chunker;
        try {
            chunker = new ChunkerParams((int) SnapshotJson.READ.integerValue(c.get("min"), "min", 0, Integer.MAX_VALUE),
                    (int) SnapshotJson.READ.integerValue(c.get("avg"), "avg", 0, Integer.MAX_VALUE),
                    (int) SnapshotJson.READ.integerValue(c.get("max"), "max", 0, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw SnapshotJson.bad("impossible chunker sizes");
        }
        Map<String, BlobRef> index = parseIndex(SnapshotJson.READ.array(n, "packs"));
        List<TreeEntry> tree = parseTree(SnapshotJson.READ.array(n, "tree"), index);
        Snapshot s = new Snapshot(address, sequence, previous, createdAt, chunker, tree, index, parseSiblings(n.get("siblings")));
        if (SnapshotJson.READ.integerValue(n.get("file_count"), "file_count", 0, Long.MAX_VALUE) != s.fileCount()
                || SnapshotJson.READ.integerValue(n.get("dir_count"), "dir_count", 0, Long.MAX_VALUE) != tree.size() - s.fileCount()
                || SnapshotJson.READ.integerValue(n.get("total_bytes"), "total_bytes", 0, Long.MAX_VALUE) != s.totalBytes()) {
            throw SnapshotJson.bad("the counts do not match the tree");
        }
        return s;
    }

    private static boolean isChecksummed(String address) {
        try {
            return address.matches("0x[0-9a-fA-F]{40}") && EthAddress.parse(address).checksummed().equals(address);
        } catch (IllegalArgumentException e) {
            return false; // a wrong checksum is just another malformed snapshot
        }
    }

    private static Map<String, BlobRef> parseIndex(JsonNode packs) {
        Map<String, BlobRef> index = new LinkedHashMap<>();
        String lastPack = "";
        for (JsonNode p : packs) {
            SnapshotJson.READ.exactKeys(p, PACK_KEYS, "pack entry");
            String id = SnapshotJson.READ.hex32(p.get("id"), "id");
            if (id.compareTo(lastPack) <= 0) {
                throw SnapshotJson.bad("packs are not sorted by id or repeat");
            }
            lastPack = id;
            long end = ObjectHeader.LENGTH;
            JsonNode blobs = SnapshotJson.READ.array(p, "blobs");
            if (blobs.isEmpty()) {
                throw SnapshotJson.bad("a pack entry lists no blob");
            }
            for (JsonNode b : blobs) {
                if (!b.isArray() || b.size() != 4) {
                    throw SnapshotJson.bad("a blob entry is not [id, offset, length, raw_length]");
                }
                String chunk = SnapshotJson.READ.hex32(b.get(0), "blob id");
                long off = SnapshotJson.READ.integerValue(b.get(1), "offset", end, 0xffffffffL);
                long len = SnapshotJson.READ.integerValue(b.get(2), "length", PackReader.MIN_BLOB, Math.min(PackReader.MAX_BLOB, 0xffffffffL - off));
                long raw = SnapshotJson.READ.integerValue(b.get(3), "raw_length", 0, PackReader.MAX_RAW);
                end = off + len;
                if (index.put(chunk, new BlobRef(chunk, id, off, (int) len, (int) raw)) != null) {
                    throw SnapshotJson.bad("chunk " + chunk.substring(0, 12) + " is listed twice in the index");
                }
            }
        }
        return index;
    }

    private static List<TreeEntry> parseTree(JsonNode arr, Map<String, BlobRef> index) {
        List<TreeEntry> tree = new ArrayList<>(arr.size());
        Set<String> used = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        String last = null;
        for (JsonNode e : arr) {
            if (e == null || !e.isObject()) {
                throw SnapshotJson.bad("a tree entry is not an object");
            }
            String type = SnapshotJson.READ.text(e, "type");
            String path = EntryNames.check(SnapshotJson.READ.text(e, "path"));
            if (!path.equals(e.get("path").textValue()) || (last != null && path.compareTo(last) <= 0)) {
                throw SnapshotJson.bad("the tree is not sorted by path, repeats one, or has a trailing '/'");
            }
            last = path;
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !dirs.contains(path.substring(0, slash))) {
                throw SnapshotJson.bad("an entry's parent folder is not in the tree");
            }
            int mode = (int) SnapshotJson.READ.integerValue(e.get("mode"), "mode", 0, 0777);
            long mtime = SnapshotJson.READ.integerValue(e.get("mtime"), "mtime", Long.MIN_VALUE, Long.MAX_VALUE);
            switch (type) {
                case "dir" -> {
                    SnapshotJson.READ.exactKeys(e, DIR_KEYS, "tree entry");
                    tree.add(TreeEntry.dir(path, mode, mtime));
                    dirs.add(path);
                }
                case "file" -> {
                    SnapshotJson.READ.exactKeys(e, FILE_KEYS, "tree entry");
                    long size = SnapshotJson.READ.integerValue(e.get("size"), "size", 0, Long.MAX_VALUE);
                    List<String> chunks = new ArrayList<>();
                    long sum = 0;
                    for (JsonNode c : SnapshotJson.READ.array(e, "chunks")) {
                        String id = SnapshotJson.READ.hex32(c, "chunk id");
                        BlobRef ref = index.get(id);
                        if (ref == null) {
                            throw SnapshotJson.bad("chunk " + id.substring(0, 12) + " of a file is not in the index");
                        }
                        sum += ref.rawLength();
                        chunks.add(id);
                        used.add(id);
                    }
                    if (sum != size) {
                        throw SnapshotJson.bad("a file's chunks do not add up to its size");
                    }
                    tree.add(TreeEntry.file(path, size, mode, mtime, chunks));
                }
                default -> throw SnapshotJson.bad("unknown tree entry type");
            }
        }
        if (used.size() != index.size()) {
            throw SnapshotJson.bad("the index lists chunks no file uses");
        }
        return tree;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && canonical.equals(s.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "Snapshot[" + address + " #" + sequence + ", " + tree.size() + " entries]";
    }
}
