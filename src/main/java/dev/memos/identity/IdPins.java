package dev.memos.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.CopySeals;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Identity keys this verifier was told to trust (FORMAT.md §13.4): {@code id pin}, a proof's key
 * pinned with {@code --from-proof} or {@code --trust-on-first-use}. One canonical JSON file, replaced
 * atomically; every change re-reads it under {@code <file>.lock} (an OS lock, so parallel processes
 * never lose each other's pins and a killed one releases it).
 */
public final class IdPins {
    public static final String FILE = "known-keys.json";

    private final Path file;

    private IdPins(Path file) {
        this.file = file;
    }

    public static IdPins at(Path file) {
        return new IdPins(file);
    }

    /** {@code $MEMOS_HOME/known-keys.json}. */
    public static IdPins of(dev.memos.config.MemosHome home) {
        return new IdPins(home.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    public Optional<KnownKey> get(String id) {
        return Optional.ofNullable(read().get(id));
    }

    public List<KnownKey> list() {
        return new ArrayList<>(read().values());
    }

    /** Pins {@code key} for its ID, replacing an older pin; returns the pin replaced, if any. */
    public Optional<KnownKey> put(KnownKey key) {
        KnownKey pin = new KnownKey(key.id(), key.algorithm(), key.publicKey(), KnownKey.Source.PIN, key.origin());
        KnownKey[] old = new KnownKey[1];
        update(m -> {
            old[0] = m.put(pin.id(), pin);
            return m;
        });
        return Optional.ofNullable(old[0]);
    }

    /** Pins {@code key} only if nothing is pinned for its ID; returns the pin that holds afterwards. */
    public KnownKey putIfAbsent(KnownKey key) {
        KnownKey[] now = new KnownKey[1];
        update(m -> {
            now[0] = m.computeIfAbsent(key.id(), k -> new KnownKey(key.id(), key.algorithm(), key.publicKey(),
                    KnownKey.Source.PIN, key.origin()));
            return m;
        });
        return now[0];
    }

    public boolean remove(String id) {
        boolean[] removed = new boolean[1];
        update(m -> {
            removed[0] = m.remove(id) != null;
            return m;
        });
        return removed[0];
    }

    /** One monitor per file in this JVM: OS file locks are per process, and a second thread's lock() would throw. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();

    private void update(UnaryOperator<Map<String, KnownKey>> change) {
        synchronized (MONITORS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
            updateLocked(change);
        }
    }

    private void updateLocked(UnaryOperator<Map<String, KnownKey>> change) {
        try {
            PrivateFiles.ensureDirectory(file.getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                PrivateFiles.restrictFile(lock);
                mirror().write(encode(change.apply(read())));
            }
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file with its verified copy (FORMAT.md §17); the lock is the one {@link #updateLocked} holds. */
    private MirroredFile mirror() {
        return MirroredFile.builder(file).lock(file.resolveSibling(file.getFileName() + ".lock"))
                .seal(CopySeals.device(file.toAbsolutePath().getParent())).check(c -> parse(c)).build();
    }

    private Map<String, KnownKey> read() {
        Optional<byte[]> content = mirror().read();
        if (content.isEmpty()) {
            return new TreeMap<>();
        }
        try {
            return parse(content.get());
        } catch (IOException | RuntimeException e) {
            throw MemosException.integrity(file + " is damaged (" + (e instanceof IOException ? "not JSON" : e.getMessage())
                    + "): restore it, or delete it and pin the keys again with 'memos id pin'");
        }
    }

    private static Map<String, KnownKey> parse(byte[] content) throws IOException {
        Map<String, KnownKey> m = new TreeMap<>();
        JsonNode root = Json.mapper().readTree(content);
        if (root == null || root.path("v").asInt() != 1 || !root.path("pins").isObject()) {
            throw new IllegalArgumentException("not a version 1 pin file");
        }
        for (Map.Entry<String, JsonNode> e : root.get("pins").properties()) {
            JsonNode p = e.getValue();
            if (!IdValidation.check(e.getKey()).valid()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not an identity ID");
            }
            m.put(e.getKey(), new KnownKey(e.getKey(), SignatureAlgorithm.fromId(p.path("alg").asText()),
                    Base64Url.decode(p.path("publicKey").asText()), KnownKey.Source.PIN, p.path("origin").asText("")));
        }
        return m;
    }

    private static byte[] encode(Map<String, KnownKey> m) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("v", 1);
        ObjectNode pins = root.putObject("pins");
        m.forEach((id, k) -> pins.putObject(id).put("alg", k.algorithm().id()).put("origin", k.origin() == null ? "" : k.origin())
                .put("publicKey", Base64Url.encode(k.publicKey())));
        return CanonicalJson.bytes(root);
    }
}
