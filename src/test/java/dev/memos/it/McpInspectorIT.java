package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Inspector's CLI mode ({@code mcp-inspector --cli}, @modelcontextprotocol/inspector) drives
 * {@code memos mcp} as a user debugging a server would: it lists the tools and calls one, and a call
 * the server refuses fails in the Inspector too and writes nothing. The server gets MEMOS_HOME
 * through the Inspector's {@code -e} (no secret is needed: a tier-1 identity and ring writes).
 */
class McpInspectorIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private McpClients.Run inspector(Path clients, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(McpClients.node(),
                clients.resolve("node_modules/.bin/mcp-inspector").toString()));
        cmd.addAll(List.of("--cli", "-e", "MEMOS_HOME=" + home, "-e",
                "MEMOS_JAVA=" + Path.of(System.getProperty("java.home"), "bin", "java"), "-e", "NO_COLOR=1",
                MemosProcess.LAUNCHER.toString(), "mcp"));
        cmd.addAll(List.of(args));
        // the Inspector keeps a server catalogue and OAuth state under HOME unless told otherwise
        return McpClients.run(cmd, Map.of("MCP_CATALOG_PATH", tmp.resolve("catalog.json").toString(),
                "MCP_STORAGE_DIR", tmp.resolve("inspector").toString()), tmp, 60);
    }

    @Test
    void inspector_cli_lists_the_tools_a_refused_call_writes_nothing_and_mem_add_stores_the_first_memory() throws Exception {
        McpClients.node();
        Path clients = McpClients.installed(tmp);
        Path home = tmp.resolve("home");
        MemosProcess memos = new MemosProcess(home);
        MemosProcess.Result gen = memos.run("id", "generate", "--name", "INSPECT");
        assertEquals(0, gen.exit(), gen.err());

        McpClients.Run listed = inspector(clients, home, "--method", "tools/list");
        assertEquals(0, listed.exit(), listed.all());
        Set<String> names = new TreeSet<>();
        JSON.readTree(listed.out()).path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertTrue(names.containsAll(Set.of("backup", "restore", "mem_add", "mem_show", "id_status", "token_verify")), names.toString());
        assertFalse(names.contains("id_delete") || names.contains("mcp"), "a CLI-only command is a tool: " + names);

        McpClients.Run refused = inspector(clients, home, "--method", "tools/call", "--tool-name", "mem_add",
                "--tool-arg", "text=must not be stored", "--tool-arg", "no_such_argument=1");
        assertNotEquals(0, refused.exit(), "the Inspector reported a refused call as success:\n" + refused.all());
        assertTrue(refused.out().contains("no_such_argument"), refused.all());

        McpClients.Run added = inspector(clients, home, "--method", "tools/call", "--tool-name", "mem_add",
                "--tool-arg", "text=written by the MCP Inspector");
        assertEquals(0, added.exit(), added.all());
        JsonNode result = JSON.readTree(added.out());
        assertFalse(result.path("isError").asBoolean(), added.all());
        // the first memory of the home: the refused call before it wrote nothing
        assertEquals(1, result.path("structuredContent").path("seq").asInt(), added.all());
    }
}
