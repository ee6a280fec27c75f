package dev.memos.app.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.FileEntry;
import dev.memos.backup.Manifest;
import dev.memos.backup.ManifestEnvelope;
import dev.memos.config.MemosHome;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What this home remembers about uploads: $MEMOS_HOME/arweave/last-upload.json (address, sequence,
 * id, inventory hash) to skip unchanged backups, and $MEMOS_HOME/backups/seq-N.manifest.json (the
 * manifest envelope with its tx id) for each uploaded backup. Losing it loses nothing on Arweave.
 */
public final class BackupState {
    private final MemosHome home;

    public BackupState(MemosHome home) {
        this.home = home;
    }

    /** The last upload for an address. */
    public record Last(String address, long sequence, String txId, String inventorySha256, String bundleSha256) {
    }

    /** SHA-256 of the canonical inventory (path, type, size, sha256, mode; not mtime): what "unchanged" means. */
    public static String inventorySha256(Manifest m) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (FileEntry f : m.files()) {
            ObjectNode o = a.addObject();
            o.put("path", f.path());
            o.put("type", f.type().name());
            o.put("size", f.size());
            o.put("sha256", f.sha256() == null ? "" : f.sha256());
            o.put("mode", f.mode());
        }
        return Hex.encode(Hash.sha256(CanonicalJson.bytes(a)));
    }

    public Optional<Last> last(String address) {
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(lastFile()));
            if (!address.equals(n.path("address").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Last(address, n.path("sequence").asLong(), n.path("tx_id").asText(),
                    n.path("inventory_sha256").asText(), n.path("bundle_sha256").asText()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void recordUpload(ManifestEnvelope withTxId) {
        Manifest m = withTxId.manifest();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("address", m.address());
        n.put("sequence", m.sequence());
        n.put("tx_id", withTxId.txId().orElseThrow());
        n.put("inventory_sha256", inventorySha256(m));
        n.put("bundle_sha256", withTxId.bundleSha256());
        try {
            PrivateFiles.ensureDirectory(lastFile().getParent());
            AtomicFile.write(lastFile(), Json.mapper().writeValueAsBytes(n));
            PrivateFiles.ensureDirectory(backupsDir());
            withTxId.write(backupsDir().resolve("seq-" + m.sequence() + ".manifest.json"));
        } catch (IOException e) {
            throw MemosException.failure("uploaded, but cannot record it in " + home + ": " + e.getMessage(), e);
        }
    }

    /** tx id → sequence for the backups this home uploaded (manifests it can read). */
    public Map<String, Long> knownSequences() {
        Map<String, Long> out = new HashMap<>();
        for (ManifestEnvelope env : uploadRecords()) {
            env.txId().ifPresent(id -> out.put(id, env.manifest().sequence()));
        }
        return out;
    }

    /** A backup this home uploaded, as its local manifest record says. */
    public record Recorded(String txId, long sequence, long unixTime, long bundleSize) {
    }

    /** The uploads of {@code address} this home recorded ($MEMOS_HOME/backups), for a listing without the network. */
    public List<Recorded> recorded(String address) {
        List<Recorded> out = new ArrayList<>();
        for (ManifestEnvelope env : uploadRecords()) {
            if (env.manifest().address().equalsIgnoreCase(address) && env.txId().isPresent()) {
                out.add(new Recorded(env.txId().get(), env.manifest().sequence(), env.manifest().createdAt().getEpochSecond(),
                        env.bundleSize()));
            }
        }
        return out;
    }

    /** The readable upload records ($MEMOS_HOME/backups/*.manifest.json); an unreadable one only loses its row. */
    private List<ManifestEnvelope> uploadRecords() {
        List<ManifestEnvelope> out = new ArrayList<>();
        if (!Files.isDirectory(backupsDir())) {
            return out;
        }
        try (Stream<Path> s = Files.list(backupsDir())) {
            s.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).forEach(p -> {
                try {
                    out.add(ManifestEnvelope.read(p));
                } catch (RuntimeException ignored) {
                    // a damaged record is left out, as if this home had not made that upload
                }
            });
        } catch (IOException ignored) {
            // no readable folder: no records
        }
        return out;
    }

    /** A backup's sequence learned from its sealed manifest on Arweave, verified under the key of {@code address}. */
    public record Learned(String txId, String address, long sequence, String manifestSha256) {
    }

    /**
     * tx id → what 'list' learned and verified earlier for {@code address}
     * ($MEMOS_HOME/arweave/sequences.json), so a backup is probed once. Only verified results are
     * kept; an unreadable file is an empty cache.
     */
    public Map<String, Learned> learned(String address) {
        Map<String, Learned> out = new HashMap<>();
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(learnedFile()));
            n.path("backups").fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (address.equals(v.path("address").asText()) && v.path("sequence").canConvertToLong()) {
                    out.put(e.getKey(), new Learned(e.getKey(), address, v.path("sequence").asLong(),
                            v.path("manifest_sha256").asText()));
                }
            });
        } catch (IOException | RuntimeException e) {
            // no cache, or a broken one: everything is learned again
        }
        return out;
    }

    /** Adds verified results to the cache (one atomic write). */
    public void remember(java.util.Collection<Learned> more) {
        if (more.isEmpty()) {
            return;
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode backups = root.putObject("backups");
        try {
            JsonNode old = Json.mapper().readTree(Files.readAllBytes(learnedFile())).path("backups");
            old.fields().forEachRemaining(e -> backups.set(e.getKey(), e.getValue()));
        } catch (IOException | RuntimeException e) {
            // start a new cache
        }
        for (Learned l : more) {
            backups.putObject(l.txId()).put("address", l.address()).put("sequence", l.sequence())
                    .put("manifest_sha256", l.manifestSha256());
        }
        try {
            PrivateFiles.ensureDirectory(learnedFile().getParent());
            AtomicFile.write(learnedFile(), Json.mapper().writeValueAsBytes(root));
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + learnedFile() + ": " + e.getMessage(), e);
        }
    }

    public Optional<ManifestEnvelope> envelopeFor(String txId) {
        if (!Files.isDirectory(backupsDir())) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(backupsDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).map(p -> {
                try {
                    return ManifestEnvelope.read(p);
                } catch (RuntimeException e) {
                    return null;
                }
            }).filter(e -> e != null && e.txId().map(txId::equals).orElse(false)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path workDir() {
        Path dir = home.resolve("tmp");
        try {
            PrivateFiles.ensureDirectory(dir);
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private Path lastFile() {
        return home.resolve("arweave").resolve("last-upload.json");
    }

    private Path learnedFile() {
        return home.resolve("arweave").resolve("sequences.json");
    }

    private Path backupsDir() {
        return home.resolve("backups");
    }
}
