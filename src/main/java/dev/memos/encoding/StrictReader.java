package dev.memos.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.Function;

/**
 * Field readers for the signed documents we parse (manifests, snapshots): every key known, every
 * type exact, else the error the owner names. One reader serves both formats; only the subject of
 * the error differs ("the manifest is malformed…" vs "the snapshot is malformed…").
 */
public final class StrictReader {
    private final Function<String, ? extends RuntimeException> bad;

    /**
     * {@code bad} turns a short problem ("'size' is not an integer") into the exception to throw;
     * the problem may quote the document, so {@code bad} passes it through {@link Json#printable}.
     */
    public StrictReader(Function<String, ? extends RuntimeException> bad) {
        this.bad = bad;
    }

    public RuntimeException bad(String problem) {
        return bad.apply(problem);
    }

    public void exactKeys(JsonNode n, Set<String> allowed, String what) {
        String problem = Json.keyProblem(n, allowed, what);
        if (problem != null) {
            throw bad(problem);
        }
    }

    public String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw bad("'" + key + "' is not a string");
        }
        return v.textValue();
    }

    public String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : text(n, key);
    }

    public long integer(JsonNode n, String key, long min, long max) {
        return integerValue(n.get(key), key, min, max);
    }

    /** An integer in [min, max]; {@code v} may be an array element, {@code key} names it in the error. */
    public long integerValue(JsonNode v, String key, long min, long max) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("'" + key + "' is not an integer");
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw bad("'" + key + "' is out of range");
        }
        return x;
    }

    public String sha256(JsonNode n, String key) {
        return hex32(n.get(key), key);
    }

    public String sha256OrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : hex32(v, key);
    }

    /** 32 bytes as 64 lower-case hex digits (a SHA-256 or an HMAC-SHA256). */
    public String hex32(JsonNode v, String key) {
        if (v == null || !v.isTextual() || !v.textValue().matches("[0-9a-f]{64}")) {
            throw bad("'" + key + "' is not 32 bytes of lower-case hex");
        }
        return v.textValue();
    }

    public JsonNode array(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isArray()) {
            throw bad("'" + key + "' is not an array");
        }
        return v;
    }
}
