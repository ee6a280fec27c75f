package dev.memos.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.Set;

/** Field readers for our signed documents: every key known, every type exact, else integrity error. */
final class StrictJson {
    private StrictJson() {
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the manifest is malformed (" + printable(what) + "): the bundle is damaged or from a newer memos");
    }

    /** Manifest text is attacker-controlled: no line breaks or terminal controls in the one-line error, and bounded. */
    static String printable(String s) {
        return Json.printable(s);
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

    static String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : text(n, key);
    }

    static long integer(JsonNode n, String key, long min, long max) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("'" + key + "' is not an integer");
        }
        long x = v.longValue();
        if (x < min || x > max) {
            throw bad("'" + key + "' is out of range");
        }
        return x;
    }

    static String sha256(JsonNode n, String key) {
        String s = text(n, key);
        if (!s.matches("[0-9a-f]{64}")) {
            throw bad("'" + key + "' is not a lower-case hex SHA-256");
        }
        return s;
    }

    static String sha256OrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : sha256(n, key);
    }
}
