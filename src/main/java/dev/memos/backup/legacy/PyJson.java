package dev.memos.backup.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The byte form the original MemOS hashes and MACs: Python
 * {@code json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)}. It is NOT
 * RFC 8785: every character outside printable ASCII (0x20–0x7E), DEL included, becomes a
 * lower-case {@code \\uXXXX} (astral characters as their UTF-16 surrogate pair), and keys sort by
 * code point. Only integers are allowed as numbers, as the original writes no other kind; a float
 * would need Python's repr, which no manifest has.
 */
public final class PyJson {
    private PyJson() {
    }

    /** The canonical bytes of {@code node} without the top-level keys in {@code excluded}. */
    public static byte[] bytes(JsonNode node, Set<String> excluded) {
        StringBuilder b = new StringBuilder();
        write(node, excluded, b);
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] bytes(JsonNode node) {
        return bytes(node, Set.of());
    }

    private static void write(JsonNode n, Set<String> excluded, StringBuilder b) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!excluded.contains(k)) {
                    keys.add(k);
                }
            }
            keys.sort(PyJson::compareCodePoints);
            b.append('{');
            for (int i = 0; i < keys.size(); i++) {
                b.append(i == 0 ? "" : ",");
                string(keys.get(i), b);
                b.append(':');
                write(n.get(keys.get(i)), Set.of(), b);
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                b.append(i == 0 ? "" : ",");
                write(n.get(i), Set.of(), b);
            }
            b.append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), b);
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue().toString());
        } else if (n.isBoolean()) {
            b.append(n.booleanValue() ? "true" : "false");
        } else if (n.isNull()) {
            b.append("null");
        } else {
            throw new IllegalArgumentException("a non-integer number, which the original MemOS never writes");
        }
    }

    // Python sorts str keys by code point; Java's compareTo is UTF-16 order, which differs above U+FFFF.
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        b.append('"');
    }
}
