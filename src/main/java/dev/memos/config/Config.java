package dev.memos.config;

import dev.memos.error.MemosException;
import dev.memos.crypto.CopySeals;
import dev.memos.store.HomeLock;
import dev.memos.store.MirroredFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The user's settings: a properties file in the home, validated on every set, read with defaults.
 * A change re-reads the file under {@code .config.lock} and writes it back before releasing the
 * lock, so concurrent {@code config set} of different keys all keep their value.
 */
public final class Config {
    static final String LOCK_FILE = ".config.lock";
    private final Path file;
    private final Map<String, String> values;

    private Config(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    public static Config load(MemosHome home) {
        Path file = home.configFile();
        return new Config(file, read(file));
    }

    /** The file with its verified copy (FORMAT.md §17): a damaged or hand-altered file comes back from the copy. */
    private static MirroredFile mirror(Path file) {
        return MirroredFile.builder(file).lock(file.resolveSibling(LOCK_FILE))
                .seal(CopySeals.device(file.toAbsolutePath().getParent())).check(Config::parse).build();
    }

    private static Map<String, String> read(Path file) {
        try {
            return mirror(file).read().map(Config::parse).orElseGet(TreeMap::new);
        } catch (IllegalArgumentException e) {
            throw MemosException.failure("cannot read " + file + ": fix or delete it (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, String> parse(byte[] content) {
        Map<String, String> values = new TreeMap<>();
        try {
            Properties p = new Properties();
            p.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
            for (String name : p.stringPropertyNames()) {
                values.put(name, p.getProperty(name));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return values;
    }

    public String get(ConfigKey key) {
        String v = values.get(key.key());
        return v == null ? key.defaultValue() : v;
    }

    public int getInt(ConfigKey key) {
        return Integer.parseInt(get(key));
    }

    /** Validates, then persists atomically; an invalid value changes nothing. Returns the value it replaced (null: default). */
    public String set(ConfigKey key, String value) {
        if (!key.accepts(value)) {
            throw MemosException.usage("invalid value for " + key.key() + ": expected " + key.expectation());
        }
        String[] old = new String[1];
        update(next -> old[0] = next.put(key.key(), value));
        return old[0];
    }

    public void unset(ConfigKey key) {
        update(next -> next.remove(key.key()));
    }

    /** Read-modify-write under the config lock, from the file as it is now (never from this object's older copy). */
    private void update(java.util.function.Consumer<Map<String, String>> change) {
        try {
            dev.memos.store.PrivateFiles.ensureDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw MemosException.failure("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        try (HomeLock ignored = HomeLock.acquire(file.resolveSibling(LOCK_FILE))) {
            Map<String, String> next = read(file);
            change.accept(next);
            persist(next);
            values.clear();
            values.putAll(next);
        }
    }

    public boolean isSet(ConfigKey key) {
        return values.containsKey(key.key());
    }

    /** The profile named by {@code override} (the --profile flag) or by the config, with gateway overrides. */
    public Profile profile(String override) {
        String name = override != null ? override : get(ConfigKey.PROFILE);
        Profile base = switch (name) {
            case Profile.LOCAL -> Profile.local(URI.create(get(ConfigKey.LOCAL_NODE)));
            case Profile.MAINNET -> withTurbo(Profile.mainnet());
            default -> throw MemosException.usage("unknown profile '" + name + "': use one of " + Profile.names());
        };
        String gateways = get(ConfigKey.GATEWAYS);
        if (gateways.isBlank()) {
            return base;
        }
        List<URI> list = new ArrayList<>();
        for (String g : gateways.split(",")) {
            list.add(URI.create(g.strip()));
        }
        return new Profile(base.name(), base.node(), list, base.turboUpload(), base.turboPayment(), base.devnet());
    }

    /** The mainnet profile with the configured Turbo endpoints (defaults: production Turbo). */
    private Profile withTurbo(Profile p) {
        return new Profile(p.name(), p.node(), p.gateways(), url(ConfigKey.TURBO_UPLOAD), url(ConfigKey.TURBO_PAYMENT), p.devnet());
    }

    /** A URL-valued key as a base URI without a trailing slash, so paths can be appended to it. */
    public URI url(ConfigKey key) {
        String v = get(key);
        return URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }

    private void persist(Map<String, String> next) {
        Properties p = new Properties();
        p.putAll(next);
        StringWriter w = new StringWriter();
        try {
            p.store(w, "memos configuration (edit with: memos config set KEY VALUE)");
            mirror(file).write(w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
