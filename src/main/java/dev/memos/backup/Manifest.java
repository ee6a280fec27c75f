package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest body (FORMAT.md §4.1): an immutable value whose canonical JSON bytes are what the
 * HMAC and the Ethereum signature cover. {@link #sha256()} is the manifest hash that chains
 * backups ({@code previous_manifest_sha256}) and that the rollback index records.
 */
public final class Manifest {
    public static final int FORMAT = 1;
    private static final Set<String> KEYS = Set.of("format", "address", "sequence", "created_at", "previous_manifest_sha256",
            "compression", "chunk_size", "bundle_salt", "archive_sha256", "archive_size", "file_count", "dir_count",
            "total_bytes", "files");

    private final String address;
    private final long sequence;
    private final Instant createdAt;
    private final String previousManifestSha256;
    private final Compression compression;
    private final int chunkSize;
    private final String bundleSalt;
    private final String archiveSha256;
    private final long archiveSize;
    private final List<FileEntry> files;
    private final byte[] canonical;

    Manifest(String address, long sequence, Instant createdAt, String previousManifestSha256, Compression compression,
             int chunkSize, String bundleSalt, String archiveSha256, long archiveSize, List<FileEntry> files) {
        this.address = EthAddress.parse(address).checksummed();
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        this.sequence = sequence;
        this.createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
        this.previousManifestSha256 = previousManifestSha256;
        this.compression = Objects.requireNonNull(compression);
        this.chunkSize = chunkSize;
        this.bundleSalt = bundleSalt;
        this.archiveSha256 = archiveSha256;
        this.archiveSize = archiveSize;
        List<FileEntry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(FileEntry::path));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw StrictJson.bad("duplicate inventory path " + EntryNames.quote(sorted.get(i).path()));
            }
        }
        this.files = List.copyOf(sorted);
        this.canonical = canonicalBody();
    }

    public String address() {
        return address;
    }

    public long sequence() {
        return sequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<String> previousManifestSha256() {
        return Optional.ofNullable(previousManifestSha256);
    }

    public Compression compression() {
        return compression;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public String bundleSalt() {
        return bundleSalt;
    }

    public String archiveSha256() {
        return archiveSha256;
    }

    public long archiveSize() {
        return archiveSize;
    }

    /** The inventory, sorted by path. */
    public List<FileEntry> files() {
        return files;
    }

    public long fileCount() {
        return files.stream().filter(f -> !f.isDirectory()).count();
    }

    public long dirCount() {
        return files.size() - fileCount();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    /** RFC 8785 bytes of the body. */
    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    /** The canonical bytes as text, for splicing into an enclosing canonical document without a copy of the bytes. */
    String canonicalText() {
        return new String(canonical, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the canonical bytes: the manifest hash. */
    public String sha256() {
        return Hex.encode(Hash.sha256(canonical));
    }

    public ObjectNode toJson() {
        ObjectNode n = head();
        ArrayNode list = n.putArray("files");
        files.forEach(e -> list.add(e.toJson()));
        return n;
    }

    // Entry by entry: the whole inventory as one Jackson tree would take ~1.2 KiB of heap per file.
    private byte[] canonicalBody() {
        StringBuilder list = new StringBuilder(files.size() * 192 + 2).append('[');
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) {
                list.append(',');
            }
            list.append(CanonicalJson.string(files.get(i).toJson()));
        }
        ObjectNode n = head();
        n.set("files", CanonicalJson.raw(list.append(']').toString()));
        return CanonicalJson.bytes(n);
    }

    /** The body without its inventory. */
    private ObjectNode head() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("format", FORMAT);
        n.put("address", address);
        n.put("sequence", sequence);
        n.put("created_at", DateTimeFormatter.ISO_INSTANT.format(createdAt));
        if (previousManifestSha256 == null) {
            n.putNull("previous_manifest_sha256");
        } else {
            n.put("previous_manifest_sha256", previousManifestSha256);
        }
        n.put("compression", compression.label());
        n.put("chunk_size", chunkSize);
        n.put("bundle_salt", bundleSalt);
        n.put("archive_sha256", archiveSha256);
        n.put("archive_size", archiveSize);
        n.put("file_count", fileCount());
        n.put("dir_count", dirCount());
        n.put("total_bytes", totalBytes());
        return n;
    }

    /** Parses and checks a body; anything unexpected is an integrity error. */
    public static Manifest fromJson(JsonNode n) {
        StrictJson.READ.exactKeys(n, KEYS, "manifest");
        if (StrictJson.READ.integer(n, "format", 0, Integer.MAX_VALUE) != FORMAT) {
            throw StrictJson.bad("manifest format " + n.get("format") + " is not supported: upgrade memos");
        }
        JsonNode list = n.get("files");
        if (list == null || !list.isArray()) {
            throw StrictJson.bad("'files' is not an array");
        }
        List<FileEntry> files = new ArrayList<>(list.size());
        list.forEach(e -> files.add(FileEntry.fromJson(e)));
        String address = StrictJson.READ.text(n, "address");
        Instant created;
        try {
            created = Instant.parse(StrictJson.READ.text(n, "created_at"));
        } catch (DateTimeParseException e) {
            throw StrictJson.bad("'created_at' is not a UTC time");
        }
        Compression compression;
        try {
            compression = Compression.fromLabel(StrictJson.READ.text(n, "compression"));
        } catch (dev.memos.error.MemosException e) {
            throw StrictJson.bad("unknown compression");
        }
        Manifest m;
        try {
            m = new Manifest(address, StrictJson.READ.integer(n, "sequence", 1, Long.MAX_VALUE), created,
                    StrictJson.READ.sha256OrNull(n, "previous_manifest_sha256"), compression,
                    (int) StrictJson.READ.integer(n, "chunk_size", 1 << 12, 1 << 22), hex32(n, "bundle_salt"),
                    StrictJson.READ.sha256(n, "archive_sha256"), StrictJson.READ.integer(n, "archive_size", 0, Long.MAX_VALUE), files);
        } catch (IllegalArgumentException e) {
            throw StrictJson.bad(e.getMessage());
        }
        // Named here: otherwise the re-serialised body differs and the fault reads as "hash does not match".
        if (!address.equals(m.address())) {
            throw StrictJson.bad("the address " + address + " is not in EIP-55 checksummed form (FORMAT.md §1)");
        }
        for (int i = 0; i < files.size(); i++) {
            if (!files.get(i).path().equals(m.files().get(i).path())) {
                throw StrictJson.bad("the inventory is not sorted by path in UTF-16 order (first out of place: "
                        + EntryNames.quote(files.get(i).path()) + ", FORMAT.md §4.1)");
            }
        }
        if (StrictJson.READ.integer(n, "file_count", 0, Long.MAX_VALUE) != m.fileCount()
                || StrictJson.READ.integer(n, "dir_count", 0, Long.MAX_VALUE) != m.dirCount()
                || StrictJson.READ.integer(n, "total_bytes", 0, Long.MAX_VALUE) != m.totalBytes()) {
            throw StrictJson.bad("counts do not match the inventory");
        }
        return m;
    }

    private static String hex32(JsonNode n, String key) {
        String s = StrictJson.READ.text(n, key);
        if (!s.matches("[0-9a-f]{64}")) {
            throw StrictJson.bad("'" + key + "' is not 32 bytes of lower-case hex");
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && Hash.equal(canonical, m.canonical);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        return "Manifest[" + address + " #" + sequence + ", " + files.size() + " entries, " + sha256() + "]";
    }
}
