package dev.memos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The generator of the shipped {@code schemas/<command>.schema.json} files: infers the schema of a
 * command's {@code --json} line from the results the contract scenario observed. A schema lists
 * every key (snake_case) with its JSON types; a result object admits no key it does not list, so a
 * command that gains a key without a regenerated schema fails {@link JsonContractTest}.
 */
final class ResultSchemas {
    static final String DIR = "schemas/";
    static final String KEY_PATTERN = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultSchemas() {
    }

    /** {@code id verify-proof} → {@code id-verify-proof}. */
    static String fileName(String command) {
        return command.replace(' ', '-') + ".schema.json";
    }

    /** The shipped schema of {@code command}, or null when the jar has none. */
    static JsonNode shipped(String command) throws IOException {
        try (InputStream in = ResultSchemas.class.getClassLoader().getResourceAsStream(DIR + fileName(command))) {
            return in == null ? null : Json.mapper().readTree(in);
        }
    }

    /** The schema of one command's output lines, given every result it produced (may be empty). */
    static ObjectNode envelope(String command, List<JsonNode> results) {
        ObjectNode s = F.objectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("$id", "https://memos.dev/schemas/" + fileName(command));
        s.put("title", "memos " + command + " --json line");
        s.put("type", "object");
        s.putArray("required").add("command").add("ok").add("exit");
        s.put("additionalProperties", false);
        ObjectNode p = s.putObject("properties");
        p.putObject("command").put("const", command);
        p.putObject("ok").put("type", "boolean");
        p.putObject("exit").put("type", "integer").put("minimum", 0);
        p.set("result", results.isEmpty() ? F.objectNode().put("type", "object") : infer(results));
        ObjectNode error = p.putObject("error");
        error.put("type", "object").put("additionalProperties", false);
        error.putArray("required").add("code").add("message");
        error.putObject("properties").<ObjectNode>set("code", F.objectNode().put("type", "string"))
                .set("message", F.objectNode().put("type", "string"));
        p.putObject("warnings").put("type", "array").putObject("items").put("type", "string");
        return s;
    }

    /** One schema that admits every sample: types united, object keys merged, array items merged. */
    static ObjectNode infer(List<JsonNode> samples) {
        TreeSet<String> types = new TreeSet<>();
        Map<String, List<JsonNode>> props = new TreeMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        List<JsonNode> items = new ArrayList<>();
        int objects = 0;
        for (JsonNode n : samples) {
            types.add(type(n));
            if (n.isObject()) {
                objects++;
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    props.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                    seen.merge(e.getKey(), 1, Integer::sum);
                }
            } else if (n.isArray()) {
                n.forEach(items::add);
            }
        }
        ObjectNode s = F.objectNode();
        if (types.equals(Set.of("null"))) {
            // Only ever null in the scenario (an unset chain, no last backup): the type of a real value
            // is unknown here, and "type": "null" would reject it (an MCP client validating
            // structuredContent did, McpInteropIT), so such a key admits any value.
            return s.put("$comment", "null in every observed run; any JSON value");
        }
        if (types.size() == 1) {
            s.put("type", types.first());
        } else {
            ArrayNode t = s.putArray("type");
            types.forEach(t::add);
        }
        if (types.contains("object")) {
            ObjectNode p = s.putObject("properties");
            ArrayNode required = F.arrayNode();
            for (Map.Entry<String, List<JsonNode>> e : props.entrySet()) {
                // An audit event's details differ per event type (FORMAT.md): open, keys still snake_case.
                p.set(e.getKey(), e.getKey().equals("details") ? openObject() : infer(e.getValue()));
                if (seen.get(e.getKey()) == objects) {
                    required.add(e.getKey());
                }
            }
            if (!required.isEmpty()) {
                s.set("required", required);
            }
            s.put("additionalProperties", false);
        }
        if (types.contains("array") && !items.isEmpty()) {
            s.set("items", infer(items));
        }
        return s;
    }

    private static ObjectNode openObject() {
        ObjectNode o = F.objectNode().put("type", "object");
        o.putObject("propertyNames").put("pattern", KEY_PATTERN);
        return o;
    }

    private static String type(JsonNode n) {
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isNull() ? "null" : "string";
    }

    static void write(Path dir, String command, ObjectNode schema) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(fileName(command)),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n");
    }
}
