package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.CopySeals;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.MirroredFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pins in memory, optionally mirrored to one JSON file:
 * {@code {"v":1,"pins":{"<skill>":{"<issuer>":{"tokenKey":b64url,"identityKey":b64url|null}}}}}.
 */
final class MapPinStore implements PinStore {
    private final Path file;
    private final Map<String, Map<String, Pin>> pins = new TreeMap<>();

    MapPinStore(Path file) {
        this.file = file;
        if (file != null) {
            load();
        }
    }

    /**
     * The file with its verified copy (FORMAT.md §17). A pin file may live outside any home (a library
     * verifier's), so its copy carries a checksum: it repairs damage; the pins were never MAC'd.
     */
    private MirroredFile mirror() {
        return MirroredFile.builder(file).lock(file.resolveSibling(".pins.lock")).seal(CopySeals.checksum())
                .check(c -> parse(c, new TreeMap<>())).build();
    }

    private void load() {
        pins.clear();
        try {
            mirror().read().ifPresent(c -> {
                try {
                    parse(c, pins);
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
        } catch (RuntimeException e) {
            if (e instanceof MemosException m) {
                throw m;
            }
            Throwable why = e.getCause() instanceof IOException io ? io : e; // the parser's own error says "not valid JSON"
            throw MemosException.integrity(file + " is damaged (" + dev.memos.encoding.ParseErrors.describe(why)
                    + "): restore it, or delete it to trust every issuer anew on first use");
        }
    }

    private static void parse(byte[] content, Map<String, Map<String, Pin>> pins) throws IOException {
        JsonNode root = Json.mapper().readTree(content);
        if (root == null || root.path("v").asInt() != 1 || !root.path("pins").isObject()) {
            throw new IllegalArgumentException("not a version 1 pin file");
        }
        for (Map.Entry<String, JsonNode> skill : root.get("pins").properties()) {
            for (Map.Entry<String, JsonNode> issuer : skill.getValue().properties()) {
                JsonNode id = issuer.getValue().get("identityKey");
                Pin pin;
                try {
                    pin = new Pin(Base64Url.decode(issuer.getValue().get("tokenKey").textValue()),
                            id == null || id.isNull() ? null : Base64Url.decode(id.textValue()));
                } catch (RuntimeException e) {
                    // name the entry: the file is read as a whole, so the user needs to know which pin is bad
                    throw new IllegalArgumentException("the pin of " + issuer.getKey() + " for " + skill.getKey()
                            + ": " + dev.memos.encoding.ParseErrors.describe(e));
                }
                pins.computeIfAbsent(skill.getKey(), k -> new TreeMap<>()).put(issuer.getKey(), pin);
            }
        }
    }

    @Override
    public synchronized Optional<Pin> get(String audience, String issuer) {
        return Optional.ofNullable(pins.getOrDefault(audience, Map.of()).get(issuer));
    }

    @Override
    public synchronized void put(String audience, String issuer, Pin pin) {
        update(() -> {
            pins.computeIfAbsent(audience, k -> new TreeMap<>()).put(issuer, pin);
            return 1;
        });
    }

    @Override
    public synchronized int remove(String audience, String issuer) {
        return update(() -> removeLoaded(audience, issuer));
    }

    /**
     * Read-modify-write of the pin file under {@code .pins.lock}: re-reads the file first, so a pin
     * written by another process since this store was opened is kept, then saves before unlocking.
     */
    private int update(java.util.function.IntSupplier change) {
        if (file == null) {
            return change.getAsInt();
        }
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        try (dev.memos.store.HomeLock ignored = dev.memos.store.HomeLock.acquire(file.resolveSibling(".pins.lock"))) {
            load();
            int n = change.getAsInt();
            if (n > 0) {
                save();
            }
            return n;
        }
    }

    private int removeLoaded(String audience, String issuer) {
        Map<String, Pin> m = pins.get(audience);
        if (m == null) {
            return 0;
        }
        int n;
        if (issuer == null) {
            n = m.size();
            pins.remove(audience);
        } else {
            n = m.remove(issuer) == null ? 0 : 1;
        }
        return n;
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("v", 1);
        ObjectNode all = root.putObject("pins");
        pins.forEach((skill, m) -> {
            ObjectNode s = all.putObject(skill);
            m.forEach((issuer, pin) -> {
                ObjectNode p = s.putObject(issuer);
                p.put("tokenKey", Base64Url.encode(pin.tokenKey()));
                if (pin.identityKey() == null) {
                    p.putNull("identityKey");
                } else {
                    p.put("identityKey", Base64Url.encode(pin.identityKey()));
                }
            });
        });
        try {
            mirror().write(CanonicalJson.bytes(root));
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
