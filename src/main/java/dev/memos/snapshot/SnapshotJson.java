package dev.memos.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.error.MemosException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Strict field readers for snapshot documents: every key known, every type exact, else integrity error. */
final class SnapshotJson {
    private SnapshotJson() {
    }

    static MemosException bad(String what) {
        return MemosException.integrity("the snapshot is malformed (" + what + "): it is damaged or from a newer memos");
    }

    static void exactKeys(JsonNode n, Set<String> allowed, String what) {
        if (n == null || !n.isObject()) {
            throw bad(what + " is not an object");
        }
        Set<String> seen = new HashSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw bad("unknown key in " + what);
            }
            seen.add(k);
        }
        if (seen.size() != allowed.size()) {
            throw bad(what + " lacks a key");
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
