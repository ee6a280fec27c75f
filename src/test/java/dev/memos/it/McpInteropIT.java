package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MCP client we did not write drives {@code memos mcp}: the official TypeScript SDK
 * (src/test/node/mcp-interop.mjs) spawns the launcher over stdio, compiles every published input and
 * output schema with a standard JSON Schema validator, runs the agent's story (identity, memories,
 * search, token issue/verify/replay, proof, a refused revoke, backup to arlocal, delete, restore byte
 * for byte, a refused restore over local edits) and checks every structuredContent against its tool's
 * outputSchema; the script exits non-zero on the first mismatch and scans the transcript for the key.
 */
@Tag("arlocal")
class McpInteropIT {
    @TempDir
    Path tmp;

    @Test
    void typescript_sdk_client_runs_the_agent_story_and_every_result_matches_its_output_schema() throws Exception {
        String node = McpClients.node();
        Path clients = McpClients.installed(tmp);
        Path home = tmp.resolve("home");
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) { // the local profile's default node
            MemosProcess.Result set = new MemosProcess(home).run("config", "set", "local.node", Devnet.url().toString());
            assertEquals(0, set.exit(), set.err());
        }
        Path work = Files.createDirectories(tmp.resolve("work"));
        String key = "0x" + HexFormat.of().formatHex(Devnet.freshKey(0x5c).secret().reveal());

        McpClients.Run r = McpClients.run(
                List.of(node, McpClients.SCRIPTS.resolve("mcp-interop.mjs").toString(), work.toString(), MemosProcess.LAUNCHER.toString()),
                Map.of("MEMOS_MCP_CLIENTS", clients.toString(), "MEMOS_HOME", home.toString(),
                        "MEMOS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "ETH_PRIVATE_KEY", key, "MEMOS_INTEROP_ARWEAVE", "1", "NO_COLOR", "1"),
                tmp, 120);
        assertEquals(0, r.exit(), "the TypeScript SDK client found a mismatch:\n" + r.all());
        assertTrue(r.out().contains("interop ok") && r.out().contains("restore") && r.out().contains("token_verify"),
                "the story did not run to its end:\n" + r.all());
    }
}
