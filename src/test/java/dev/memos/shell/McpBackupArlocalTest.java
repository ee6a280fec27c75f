package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.arweave.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore as MCP tools against arlocal: progress, byte-for-byte restore, confirm, cancellation. */
@Tag("arlocal")
class McpBackupArlocalTest {
    @TempDir
    Path dir;

    private CliHarness cli(int tag) {
        String key = HexFormat.of().formatHex(Devnet.freshKey(tag).secret().reveal());
        CliHarness cli = new CliHarness(dir.resolve("home")).with("ETH_PRIVATE_KEY", key);
        assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        return cli;
    }

    @Test
    void backup_reports_progress_and_restore_needs_confirm_to_replace_a_folder() throws Exception {
        CliHarness cli = cli(0x51);
        Path tree = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(tree.resolve("a.md"), "alpha");
        Files.write(Files.createDirectories(tree.resolve("sub")).resolve("b.bin"), new byte[] {0, 1, 2, (byte) 255});
        try (McpTestClient mcp = new McpTestClient(new HashMap<>(cli.env))) {
            JsonNode backup = mcp.request("tools/call", Map.of("name", "backup", "arguments", Map.of("input", tree.toString()),
                    "_meta", Map.of("progressToken", "b1"))).get("result");
            assertFalse(backup.get("isError").asBoolean(), backup.toString());
            assertTrue(mcp.notifications.stream().anyMatch(n -> n.path("method").asText().equals("notifications/progress")
                    && n.path("params").path("progressToken").asText().equals("b1")), mcp.notifications.toString());
            byte[] a = Files.readAllBytes(tree.resolve("a.md"));
            byte[] b = Files.readAllBytes(tree.resolve("sub/b.bin"));
            try (Stream<Path> walk = Files.walk(tree)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            JsonNode restored = mcp.call("restore", Map.of("latest", true, "out", tree.toString()));
            assertFalse(restored.get("isError").asBoolean(), restored.toString());
            assertArrayEquals(a, Files.readAllBytes(tree.resolve("a.md")));
            assertArrayEquals(b, Files.readAllBytes(tree.resolve("sub/b.bin")));

            Files.writeString(tree.resolve("a.md"), "local edit");
            JsonNode refused = mcp.call("restore", Map.of("latest", true, "out", tree.toString(), "force", true));
            assertTrue(refused.get("isError").asBoolean(), refused.toString());
            assertEquals("local edit", Files.readString(tree.resolve("a.md")), "a refused restore changed the folder");
            JsonNode forced = mcp.call("restore", Map.of("latest", true, "out", tree.toString(), "force", true,
                    "confirm", tree.toString()));
            assertFalse(forced.get("isError").asBoolean(), forced.toString());
            assertArrayEquals(a, Files.readAllBytes(tree.resolve("a.md")));
        }
    }

    @Test
    void cancelled_backup_leaves_no_temp_file_and_no_sequence_gap() throws Exception {
        CliHarness cli = cli(0x52);
        Path tree = Files.createDirectories(dir.resolve("memory"));
        byte[] big = new byte[6 << 20];
        new Random(7).nextBytes(big);
        Files.write(tree.resolve("big.bin"), big);
        try (McpTestClient mcp = new McpTestClient(new HashMap<>(cli.env))) {
            CompletableFuture<JsonNode> call = mcp.send("tools/call", Map.of("name", "backup",
                    "arguments", Map.of("input", tree.toString()), "_meta", Map.of("progressToken", "c1")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !call.isDone()
                    && mcp.notifications.stream().noneMatch(n -> n.path("params").path("progressToken").asText().equals("c1"))) {
                Thread.sleep(5);
            }
            mcp.notify("notifications/cancelled", Map.of("requestId", 2, "reason", "test")); // initialize was request 1
            JsonNode first = call.get(120, TimeUnit.SECONDS).get("result");
            Files.writeString(tree.resolve("small.md"), "after the cancel");
            JsonNode second = mcp.call("backup", Map.of("input", tree.toString()));
            assertFalse(second.get("isError").asBoolean(), second.toString());
            List<Long> seqs = new ArrayList<>();
            cli.run("--json", "list").result().path("backups").forEach(r -> seqs.add(r.path("sequence").asLong()));
            seqs.sort(null);
            assertFalse(seqs.isEmpty(), "no backup listed");
            if (first.get("isError").asBoolean()) {
                assertTrue(first.toString().contains("interrupted"), first.toString());
                assertEquals(1, seqs.size(), "the cancelled backup was recorded: " + seqs);
            } else {
                System.err.println("cancel arrived after the backup completed: " + first);
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "sequence gap after a cancelled backup: " + seqs + " first=" + first);
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> temps = walk.filter(p -> p.getFileName().toString().matches("(?i).*(\\.tmp|\\.part|\\.partial)$")).toList();
            assertTrue(temps.isEmpty(), "temp files left: " + temps);
        }
    }
}
