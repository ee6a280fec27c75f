package dev.memos.shell;

import dev.memos.error.MemosException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parsed options of one invocation, with typed getters whose errors name the option. */
public final class Args {
    private final Map<String, List<String>> values;

    Args(Map<String, List<String>> values) {
        this.values = Map.copyOf(values);
    }

    public static Args empty() {
        return new Args(Map.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public Optional<String> get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> MemosException.usage("missing --" + name + ": see 'memos help' for the command"));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public Optional<Path> path(String name) {
        return get(name).map(Path::of);
    }

    public Path requirePath(String name) {
        return Path.of(require(name));
    }

    public Optional<Long> longValue(String name, long min, long max) {
        Optional<String> raw = get(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(raw.get().strip());
            if (v < min || v > max) {
                throw MemosException.usage("--" + name + " must be between " + min + " and " + max + ", got " + v);
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            throw MemosException.usage("--" + name + " takes a whole number, got '" + raw.get() + "'");
        }
    }

    public int intValue(String name, int min, int max, int fallback) {
        return longValue(name, min, max).map(Long::intValue).orElse(fallback);
    }
}
