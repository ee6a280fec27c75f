package dev.memos.shell.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.MemosException;
import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tool table: every command is a tool or deliberately CLI-only, schemas follow the specs, confirm guards. */
class McpToolCatalogTest {
    private final CommandCatalog catalog = CommandCatalog.standard();

    private McpTool tool(String command) {
        return McpTool.of(catalog.byName(command).orElseThrow().spec());
    }

    @Test
    void every_command_is_a_tool_or_listed_cli_only() {
        Set<String> served = McpServerRunner.catalog(catalog).stream().map(t -> t.spec().name()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (Command c : catalog.commands()) {
            String name = c.spec().name();
            if (!ToolPolicy.CLI_ONLY.contains(name) && !served.contains(name)) {
                missing.add(name);
            }
            int classes = (ToolPolicy.READ_ONLY.contains(name) ? 1 : 0) + (ToolPolicy.WRITES.contains(name) ? 1 : 0)
                    + (ToolPolicy.DESTRUCTIVE.containsKey(name) ? 1 : 0);
            if (served.contains(name) && classes != 1) {
                unclassified.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "commands with no tool: " + missing);
        assertTrue(unclassified.isEmpty(), "tools not in exactly one of READ_ONLY, WRITES, DESTRUCTIVE: " + unclassified);
        Set<String> names = catalog.commands().stream().map(c -> c.spec().name()).collect(Collectors.toSet());
        Set<String> policy = new HashSet<>(ToolPolicy.CLI_ONLY);
        policy.addAll(ToolPolicy.READ_ONLY);
        policy.addAll(ToolPolicy.WRITES);
        policy.addAll(ToolPolicy.DESTRUCTIVE.keySet());
        policy.removeAll(names);
        assertTrue(policy.isEmpty(), "the tool policy names commands that do not exist: " + policy);
        for (String expected : List.of("backup", "restore", "list", "mem add", "mem show", "mem search", "id status",
                "id prove", "id verify-proof", "token issue", "token verify", "audit verify", "status")) {
            assertTrue(served.contains(expected), expected + " must be a tool");
        }
    }

    @Test
    void a_new_command_becomes_a_tool_not_a_hidden_gap() {
        // The catalog function is the one place tools come from: a command absent from CLI_ONLY is served.
        CommandSpec spec = CommandSpec.builder("frobnicate").summary("x").example("frobnicate").build();
        CommandCatalog withNew = new CommandCatalog(List.of(new Command() {
            public CommandSpec spec() {
                return spec;
            }

            public dev.memos.shell.CommandResult run(dev.memos.shell.Args args, dev.memos.shell.Context ctx) {
                return dev.memos.shell.CommandResult.empty();
            }
        }));
        assertEquals(List.of("frobnicate"), McpServerRunner.catalog(withNew).stream().map(McpTool::name).toList());
    }

    @Test
    void no_tool_is_both_read_only_and_destructive_and_tool_names_are_unique() {
        for (String d : ToolPolicy.DESTRUCTIVE.keySet()) {
            assertFalse(ToolPolicy.READ_ONLY.contains(d), d);
        }
        List<String> tools = catalog.commands().stream().filter(c -> !ToolPolicy.CLI_ONLY.contains(c.spec().name()))
                .map(c -> ToolPolicy.toolName(c.spec().name())).toList();
        assertEquals(tools.size(), new HashSet<>(tools).size(), "two commands map to one tool name: " + tools);
        assertTrue(tools.stream().allMatch(t -> t.matches("[a-z][a-z0-9_]{0,63}")), tools.toString());
    }

    @Test
    void input_schema_mirrors_the_command_spec() {
        Map<String, Object> schema = tool("token issue").inputSchema();
        assertEquals("object", schema.get("type"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals("integer", props.get("ttl").get("type"));
        assertEquals("array", props.get("scope").get("type"));
        assertEquals(List.of("skill"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        for (Command c : catalog.commands()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) McpTool.of(c.spec()).inputSchema().get("properties");
            for (OptionSpec o : c.spec().options()) {
                // a flag such as id generate --passphrase only chooses a tier; the secret itself comes from the env
                assertFalse(!o.isFlag() && o.name().matches("(?i).*(passphrase|private-key|pin|secret).*"),
                        c.spec().name() + " --" + o.name() + " would carry a secret as a tool argument");
            }
            assertTrue(p.values().stream().allMatch(v -> ((Map<?, ?>) v).containsKey("type")), c.spec().name());
        }
    }

    @Test
    void restore_over_existing_folder_without_confirm_is_refused() {
        McpTool restore = tool("restore");
        MemosException e = assertThrows(MemosException.class,
                () -> restore.commandLine(Map.of("latest", true, "out", "/tmp/x", "force", true)));
        assertTrue(e.getMessage().contains("confirm") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertThrows(MemosException.class,
                () -> restore.commandLine(Map.of("latest", true, "out", "/tmp/x", "force", true, "confirm", "/tmp/y")));
        assertTrue(restore.commandLine(Map.of("latest", true, "out", "/tmp/x", "force", true, "confirm", "/tmp/x"))
                .contains("--force"));
        // without force restore refuses a non-empty folder itself, so no confirm is needed
        assertEquals(List.of("restore", "--latest", "--out=/tmp/x"), restore.commandLine(Map.of("latest", true, "out", "/tmp/x")));
    }

    @Test
    void revoke_needs_confirm_equal_to_the_id_and_only_then_passes_the_cli_confirm_flag() {
        McpTool revoke = tool("id revoke");
        assertTrue(revoke.isDestructive() && !revoke.readOnly());
        assertThrows(MemosException.class, () -> revoke.commandLine(Map.of("id", "CW-NOVA.R7KMX2-AA")));
        assertThrows(MemosException.class, () -> revoke.commandLine(Map.of("confirm", "CW-NOVA.R7KMX2-AA")));
        assertThrows(MemosException.class,
                () -> revoke.commandLine(Map.of("id", "CW-NOVA.R7KMX2-AA", "confirm", "CW-NOVA.R7KMX2-AB")));
        assertEquals(List.of("id", "revoke", "--confirm", "--", "CW-NOVA.R7KMX2-AA"),
                revoke.commandLine(Map.of("id", "CW-NOVA.R7KMX2-AA", "confirm", "CW-NOVA.R7KMX2-AA")));
    }

    @Test
    void key_rotation_is_destructive_only_with_rotate() {
        McpTool keygen = tool("token keygen");
        keygen.commandLine(Map.of("skill", "skill:weather"));
        assertThrows(MemosException.class, () -> keygen.commandLine(Map.of("skill", "skill:weather", "rotate", true)));
    }

    @Test
    void a_value_that_looks_like_an_option_stays_a_value() {
        assertEquals(List.of("mem", "add", "--", "--json --force"), tool("mem add").commandLine(Map.of("text", "--json --force")));
        assertEquals(List.of("mem", "search", "--", "--debug"), tool("mem search").commandLine(Map.of("text", "--debug")));
    }

    @Test
    void rejects_unknown_argument_and_wrong_types_naming_the_argument() {
        MemosException unknown = assertThrows(MemosException.class, () -> tool("mem add").commandLine(Map.of("passphrase", "x")));
        assertTrue(unknown.getMessage().contains("'passphrase'"), unknown.getMessage());
        MemosException flag = assertThrows(MemosException.class, () -> tool("backup").commandLine(Map.of("input", "d", "force", "yes")));
        assertTrue(flag.getMessage().contains("'force'"), flag.getMessage());
        assertThrows(MemosException.class, () -> tool("mem add").commandLine(Map.of("text", Map.of("a", 1))));
        assertThrows(MemosException.class, () -> tool("mem add").commandLine(Map.of("text", 1.5)));
    }
}
