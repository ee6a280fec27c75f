package dev.memos.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JCS) serialisation restricted to the values our formats use: objects, arrays, strings,
 * booleans, null and integers. Signed and MAC'd documents are hashed over these bytes, so two
 * implementations agree byte for byte. Floating-point numbers are refused rather than formatted,
 * because ECMAScript number formatting is easy to get subtly wrong and nothing of ours needs it.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /**
     * Canonical JSON text computed elsewhere, spliced in as it is. It lets a caller serialise a large
     * array one element at a time instead of holding a tree of all of it (a 50 000-file manifest is
     * ~60 MB as a Jackson tree, ~9 MB as text). The caller vouches that the text is canonical.
     */
    public record Raw(String canonical) {
    }

    public static JsonNode raw(String canonical) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.pojoNode(new Raw(canonical));
    }

    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject((ObjectNode) node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
                    throw new IllegalArgumentException("canonical JSON here carries integers only");
                }
                out.append(node.longValue());
            }
            case POJO -> {
                if (!(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo() instanceof Raw raw)) {
                    throw new IllegalArgumentException("value type not allowed in canonical JSON: " + node.getNodeType());
                }
                out.append(raw.canonical());
            }
            default -> throw new IllegalArgumentException("value type not allowed in canonical JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(ObjectNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        // JCS orders keys by their UTF-16 code units, which is exactly String.compareTo.
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : fields) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(field.getKey(), out);
            out.append(':');
            write(field.getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
