package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MCP server in this JVM over pipes: tools, confirm, parallel writes with a CLI, resources, no secret on the wire. */
class McpServerTest {
    private static final String KEY = "0x" + "61".repeat(32);
    private static final String PASSPHRASE = "correct horse battery staple 42";

    @TempDir
    Path tmp;

    private Map<String, String> env(CliHarness cli) {
        Map<String, String> env = new HashMap<>(cli.env);
        env.put("ETH_PRIVATE_KEY", KEY);
        env.put("MEMOS_PASSPHRASE", PASSPHRASE);
        return env;
    }

    @Test
    void lists_a_tool_per_command_with_truthful_annotations_and_object_schemas() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        try (McpTestClient mcp = new McpTestClient(env(cli))) {
            JsonNode tools = mcp.request("tools/list", Map.of()).get("result").get("tools");
            Map<String, JsonNode> byName = new HashMap<>();
            tools.forEach(t -> byName.put(t.get("name").asText(), t));
            assertTrue(byName.keySet().containsAll(List.of("backup", "restore", "list", "mem_add", "mem_show", "mem_search",
                    "id_status", "id_prove", "id_verify_proof", "token_issue", "token_verify", "audit_verify")), byName.keySet().toString());
            assertFalse(byName.containsKey("id_delete") || byName.containsKey("wallet_generate") || byName.containsKey("mcp"));
            assertTrue(byName.get("id_status").get("annotations").get("readOnlyHint").asBoolean());
            assertFalse(byName.get("mem_add").get("annotations").get("readOnlyHint").asBoolean());
            assertTrue(byName.get("restore").get("annotations").get("destructiveHint").asBoolean());
            assertTrue(byName.get("id_revoke").get("inputSchema").get("properties").has("confirm"));
            for (JsonNode t : tools) {
                assertEquals("object", t.get("inputSchema").get("type").asText(), t.toString());
                assertEquals("object", t.get("outputSchema").get("type").asText(), t.toString());
            }
        }
    }

    @Test
    void revoke_without_confirm_is_refused_and_the_identity_stays_active() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("NOVA");
        try (McpTestClient mcp = new McpTestClient(env(cli))) {
            JsonNode refused = mcp.call("id_revoke", Map.of("id", id));
            assertTrue(refused.get("isError").asBoolean(), refused.toString());
            assertTrue(refused.toString().contains("confirm"), refused.toString());
            JsonNode wrong = mcp.call("id_revoke", Map.of("id", id, "confirm", id.replace('A', 'B')));
            assertTrue(wrong.get("isError").asBoolean(), wrong.toString());
        }
        JsonNode status = cli.run("--json", "id", "status", id).result();
        assertEquals("ACTIVE", status.get("state").asText().toUpperCase(java.util.Locale.ROOT), status.toString());
    }

    @Test
    void sixteen_parallel_mem_add_calls_and_a_cli_loop_lose_nothing() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        cli.generate("NOVA");
        assertEquals(0, cli.run("config", "set", "rings.writes-per-minute", "1000").exit());
        try (McpTestClient mcp = new McpTestClient(env(cli))) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 8; i++) {
                    CliHarness.Run r = cli.run("mem", "add", "cli-memory-" + i);
                    assertEquals(0, r.exit(), r.err());
                }
            });
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(mcp.send("tools/call", Map.of("name", "mem_add", "arguments", Map.of("text", "mcp-memory-" + i))));
            }
            for (CompletableFuture<JsonNode> c : calls) {
                JsonNode r = c.get(120, TimeUnit.SECONDS).get("result");
                assertFalse(r.get("isError").asBoolean(), r.toString());
                assertTrue(r.get("structuredContent").isObject(), r.toString());
            }
            loop.get(120, TimeUnit.SECONDS);
            String shown = mcp.call("mem_show", Map.of()).toString();
            for (int i = 0; i < 16; i++) {
                assertTrue(shown.contains("mcp-memory-" + i + "\\\"") || shown.contains("mcp-memory-" + i + "\""), "lost mcp-memory-" + i);
            }
            for (int i = 0; i < 8; i++) {
                assertTrue(shown.contains("cli-memory-" + i), "lost cli-memory-" + i);
            }
        }
    }

    @Test
    void resources_read_the_identity_and_notify_subscribers_after_a_write() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("NOVA");
        try (McpTestClient mcp = new McpTestClient(env(cli))) {
            JsonNode listed = mcp.request("resources/list", Map.of()).get("result").get("resources");
            assertTrue(listed.toString().contains("memos://identity/status") && listed.toString().contains("memos://rings/recent"));
            JsonNode read = mcp.request("resources/read", Map.of("uri", "memos://identity/status")).get("result");
            assertTrue(read.get("contents").get(0).get("text").asText().contains(id), read.toString());
            mcp.request("resources/subscribe", Map.of("uri", "memos://rings/recent"));
            mcp.call("mem_add", Map.of("text", "remember the resource test"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && mcp.notifications.stream().noneMatch(n ->
                    n.path("method").asText().equals("notifications/resources/updated")
                            && n.path("params").path("uri").asText().equals("memos://rings/recent"))) {
                Thread.sleep(50);
            }
            assertTrue(mcp.notifications.toString().contains("memos://rings/recent"), mcp.notifications.toString());
            String ring = mcp.request("resources/read", Map.of("uri", "memos://rings/recent")).toString();
            assertTrue(ring.contains("remember the resource test"), ring);
        }
    }

    @Test
    void a_missing_secret_names_the_variable_and_no_secret_reaches_the_transcript_or_stderr() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        cli.with("MEMOS_PASSPHRASE", PASSPHRASE).generate("NOVA", "--passphrase");
        Map<String, String> env = env(cli);
        try (McpTestClient mcp = new McpTestClient(env)) {
            mcp.call("mem_add", Map.of("text", "needs the passphrase"));
            mcp.call("id_prove", Map.of());
            mcp.call("wallet_address", Map.of());
            mcp.call("status", Map.of());
            mcp.close();
            String all = mcp.transcript + "\n" + mcp.stderr;
            assertFalse(all.contains("61".repeat(32)), "the ETH key leaked");
            assertFalse(all.contains(PASSPHRASE), "the passphrase leaked");
            assertTrue(mcp.transcript.toString().contains("needs the passphrase"), "the call ran");
        }
        Map<String, String> noKey = new HashMap<>(env);
        noKey.remove("ETH_PRIVATE_KEY");
        try (McpTestClient mcp = new McpTestClient(noKey)) {
            java.nio.file.Files.createDirectories(tmp.resolve("mem"));
            JsonNode r = mcp.call("backup", Map.of("input", tmp.resolve("mem").toString()));
            assertTrue(r.get("isError").asBoolean() && r.toString().contains("ETH_PRIVATE_KEY"), r.toString());
        }
    }
}
