package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.Set;

/** Strict field readers for snapshot documents: every key known, every type exact, else integrity error. */
final class SnapshotJson {
    private SnapshotJson() {
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the snapshot is malformed (" + Json.printable(what) + "): it is damaged or from a newer memos");
    }

    static void exactKeys(JsonNode n, Set<String> allowed, String what) {
        String problem = Json.keyProblem(n, allowed, what);
        if (problem != null) {
            throw bad(problem);
        }
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw bad("'" + key + "' is not a string");
        }
        return v.textValue();
    }

    static long integer(JsonNode v, String key, long min, long max) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw bad("'" + key + "' is not an integer in range");
        }
        return v.longValue();
    }

    static String hex32(JsonNode v, String key) {
        if (v == null || !v.isTextual() || !v.textValue().matches("[0-9a-f]{64}")) {
            throw bad("'" + key + "' is not 32 bytes of lower-case hex");
        }
        return v.textValue();
    }

    static JsonNode array(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isArray()) {
            throw bad("'" + key + "' is not an array");
        }
        return v;
    }
}
