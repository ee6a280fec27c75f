package dev.memos.shell.mcp;

import dev.memos.error.MemosException;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command seen as an MCP tool: its name, annotations and input schema, all derived from the
 * command's {@link CommandSpec}, and the translation of a call's arguments back into the command
 * line the pipe mode would run. There is no second implementation: a tool call is a command line.
 */
public record McpTool(CommandSpec spec, String name, boolean readOnly, ToolPolicy.Destructive destructive) {
    /** Option labels whose values are whole numbers (see the command specs). */
    private static final Set<String> INTEGER_LABELS = Set.of("N", "SECONDS");
    static final String CONFIRM = "confirm";

    public static McpTool of(CommandSpec spec) {
        return new McpTool(spec, ToolPolicy.toolName(spec.name()), ToolPolicy.READ_ONLY.contains(spec.name()),
                ToolPolicy.DESTRUCTIVE.get(spec.name()));
    }

    public boolean isDestructive() {
        return destructive != null;
    }

    /** JSON Schema (draft 2020-12 subset) of the arguments: one property per option, {@code confirm} on destructive tools. */
    public Map<String, Object> inputSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (destructive != null && o.name().equals(destructive.flag())) {
                continue; // replaced by the typed confirm below
            }
            String arg = ToolPolicy.argName(o.name());
            properties.put(arg, property(o));
            if (o.required() || (destructive != null && arg.equals(destructive.target()))) {
                required.add(arg);
            }
        }
        if (destructive != null) {
            properties.put(CONFIRM, Map.of("type", "string", "description",
                    "must equal '" + destructive.target() + "' exactly"
                            + (destructive.when() == null ? "" : " when '" + destructive.when() + "' is true")
                            + ": this call destroys or replaces it"));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(OptionSpec o) {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> item = new LinkedHashMap<>();
        if (o.isFlag()) {
            item.put("type", "boolean");
        } else if (!o.choices().isEmpty()) {
            item.put("type", "string");
            item.put("enum", o.choices());
        } else {
            item.put("type", INTEGER_LABELS.contains(o.valueLabel()) ? "integer" : "string");
        }
        if (o.repeatable()) {
            p.put("type", "array");
            p.put("items", item);
        } else {
            p.putAll(item);
        }
        p.put("description", o.description() + (o.defaultValue() == null ? "" : " (default " + o.defaultValue() + ")"));
        return p;
    }

    /**
     * The command line for a call, or a usage error naming the bad argument. Named options travel as
     * {@code --name=value} so a value that looks like an option ("--json") stays a value, and
     * positionals follow {@code --} for the same reason. A destructive call whose {@code confirm}
     * does not equal its target is refused here, before anything runs.
     */
    public List<String> commandLine(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Map<String, OptionSpec> byArg = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            byArg.put(ToolPolicy.argName(o.name()), o);
        }
        for (String key : args.keySet()) {
            if (!byArg.containsKey(key) && !(destructive != null && key.equals(CONFIRM))) {
                throw MemosException.usage("tool " + name + " has no argument '" + key + "'");
            }
        }
        checkConfirm(args);
        List<String> line = new ArrayList<>(spec.words());
        List<String> positionals = new ArrayList<>();
        for (Map.Entry<String, OptionSpec> e : byArg.entrySet()) {
            OptionSpec o = e.getValue();
            Object value = args.get(e.getKey());
            if (destructive != null && o.name().equals(destructive.flag())) {
                line.add("--" + o.name()); // confirm matched the target (checked above)
                continue;
            }
            if (value == null) {
                continue;
            }
            for (String v : values(e.getKey(), o, value)) {
                if (o.positional()) {
                    positionals.add(v);
                } else if (o.isFlag()) {
                    line.add("--" + o.name());
                } else {
                    line.add("--" + o.name() + "=" + v);
                }
            }
        }
        if (!positionals.isEmpty()) {
            line.add("--");
            line.addAll(positionals);
        }
        return line;
    }

    private void checkConfirm(Map<String, Object> args) {
        if (destructive == null) {
            return;
        }
        if (destructive.when() != null && !Boolean.TRUE.equals(args.get(destructive.when()))) {
            return;
        }
        Object target = args.get(destructive.target());
        Object confirm = args.get(CONFIRM);
        if (target == null) {
            throw MemosException.usage("tool " + name + " needs '" + destructive.target() + "' named explicitly: it is destructive");
        }
        if (confirm == null || !confirm.toString().equals(target.toString())) {
            throw MemosException.usage("tool " + name + " is destructive: set 'confirm' to the value of '"
                    + destructive.target() + "' (" + target + ") to proceed; nothing was changed");
        }
    }

    private static List<String> values(String arg, OptionSpec o, Object value) {
        if (o.isFlag()) {
            if (!(value instanceof Boolean b)) {
                throw MemosException.usage("argument '" + arg + "' is true or false, got " + describe(value));
            }
            return b ? List.of("") : List.of();
        }
        if (value instanceof List<?> list) {
            if (!o.repeatable()) {
                throw MemosException.usage("argument '" + arg + "' takes one value, got a list");
            }
            List<String> out = new ArrayList<>();
            for (Object v : list) {
                out.add(scalar(arg, v));
            }
            return out;
        }
        return List.of(scalar(arg, value));
    }

    private static String scalar(String arg, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        throw MemosException.usage("argument '" + arg + "' takes a string or a whole number, got " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "a list" : "'" + v + "'";
    }
}
