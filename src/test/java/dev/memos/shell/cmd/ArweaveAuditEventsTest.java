package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.shell.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, restore, upload, x402 and refused keys leave audit events, never with a secret in them. */
class ArweaveAuditEventsTest {
    private static final String KEY = "77".repeat(32);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode result() throws Exception {
            return Json.mapper().readTree(out).path("result");
        }
    }

    private Run memos(String key, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("MEMOS_HOME", dir.resolve("home").toString());
        if (key != null) {
            env.put("ETH_PRIVATE_KEY", key);
        }
        int code = Main.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    /** The home log's entries of one event type, as JSON objects. */
    private List<JsonNode> events(String type) throws Exception {
        Path file = dir.resolve("audit-" + System.nanoTime() + ".jsonl");
        Run r = memos(null, "audit", "export", "--format", "jsonl", "--output", file.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = Json.mapper().readTree(line);
            if (type.equals(n.path("event").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    private String wholeLog() throws Exception {
        Path file = dir.resolve("all-" + System.nanoTime() + ".jsonl");
        assertEquals(0, memos(null, "audit", "export", "--format", "jsonl", "--output", file.toString()).exit());
        return Files.readString(file);
    }

    @Test
    void rejected_eth_key_is_recorded_as_unlock_failed_without_the_key() throws Exception {
        Files.createDirectories(dir.resolve("tree"));
        String bad = "zz" + "9a".repeat(31);
        Run r = memos(bad, "backup", "--format", "bundle", "--input", dir.resolve("tree").toString());
        assertNotEquals(0, r.exit());
        List<JsonNode> failed = events("unlock_failed");
        assertEquals(1, failed.size());
        assertEquals("ethereum-key", failed.get(0).path("details").path("target").asText(), failed.get(0).toString());
        assertFalse(wholeLog().contains("9a9a9a"), "the refused key is never logged");
    }

    @Test
    void absent_eth_key_is_not_an_unlock_failure() throws Exception {
        Files.createDirectories(dir.resolve("tree"));
        assertEquals(3, memos(null, "backup", "--format", "bundle", "--input", dir.resolve("tree").toString()).exit());
        assertFalse(Files.exists(dir.resolve("home/audit/audit.log")) && !events("unlock_failed").isEmpty(), "locked is not refused");
    }

    @Test
    void x402_authorize_records_the_authorization_but_not_the_header() throws Exception {
        Path req = dir.resolve("402.json");
        Files.writeString(req, """
                {"x402Version":1,"error":"X-PAYMENT header is required","accepts":[{"scheme":"exact","network":"base-sepolia",
                "maxAmountRequired":"20000","resource":"https://example.test/x","description":"d","mimeType":"application/json",
                "payTo":"0x209693Bc6afc0C5328bA36FaF03C514EF312287C","maxTimeoutSeconds":60,
                "asset":"0x036CbD53842c5426634e7929541eC2318f3dCF7e","extra":{"name":"USDC","version":"2"}}]}""");
        Run ok = memos(KEY, "--json", "x402", "authorize", "--requirements", req.toString(), "--max-usdc", "0.05",
                "--network", "base-sepolia");
        assertEquals(0, ok.exit(), ok.err());
        List<JsonNode> paid = events("x402_payment");
        assertEquals(1, paid.size());
        JsonNode d = paid.get(0).path("details");
        assertEquals("base-sepolia", d.path("network").asText());
        assertEquals("0.02", d.path("amount_usdc").asText());
        assertEquals("0x209693Bc6afc0C5328bA36FaF03C514EF312287C", d.path("pay_to").asText());
        assertFalse(wholeLog().contains(ok.result().path("value").asText()), "the signed header is a bearer secret");
        Run over = memos(KEY, "x402", "authorize", "--requirements", req.toString(), "--max-usdc", "0.01", "--network", "base-sepolia");
        assertEquals(6, over.exit());
        assertEquals(1, events("x402_payment").size(), "a refused payment signs and records nothing");
    }

    @Test
    @Tag("arlocal")
    void backup_restore_ignore_rollback_and_upload_are_recorded() throws Exception {
        String url = dev.memos.arweave.Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, memos(null, "config", "set", "local.node", url).exit());
        }
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("a.md"), "one");
        Run b1 = memos(KEY, "--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, b1.exit(), b1.out() + b1.err());
        Files.writeString(tree.resolve("a.md"), "two");
        Run b2 = memos(KEY, "--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, b2.exit(), b2.err());
        List<JsonNode> backups = events("backup");
        assertEquals(2, backups.size());
        assertEquals(b2.result().path("tx_id").asText(), backups.get(1).path("details").path("tx_id").asText());
        assertEquals(b2.result().path("sequence").asText(), backups.get(1).path("details").path("sequence").asText());
        assertTrue(backups.get(1).path("details").path("bytes").asLong() > 0);

        Run r2 = memos(KEY, "restore", "--tx-id", b2.result().path("tx_id").asText(), "--out", dir.resolve("r2").toString());
        assertEquals(0, r2.exit(), r2.err());
        String old = b1.result().path("tx_id").asText();
        assertEquals(4, memos(KEY, "restore", "--tx-id", old, "--out", dir.resolve("r1").toString()).exit(), "rollback refused");
        assertTrue(events("restore_ignore_rollback").isEmpty());
        Run forced = memos(KEY, "restore", "--tx-id", old, "--out", dir.resolve("r1b").toString(), "--ignore-rollback");
        assertEquals(0, forced.exit(), forced.err());
        List<JsonNode> ignored = events("restore_ignore_rollback");
        assertEquals(1, ignored.size());
        assertEquals(old, ignored.get(0).path("details").path("tx_id").asText());
        assertEquals(2, events("restore").size());

        Run wrongKey = memos("66".repeat(32), "restore", "--tx-id", old, "--out", dir.resolve("rx").toString());
        assertEquals(3, wrongKey.exit(), wrongKey.err());
        List<JsonNode> refused = events("unlock_failed");
        assertEquals(1, refused.size(), "the bundle refused the key: recorded");
        assertTrue(refused.get(0).path("details").path("method").asText().startsWith("restore "));
        assertFalse(wholeLog().contains("66666666"), "no key material in the log");

        Path bundle = dir.resolve("m.bundle");
        Path manifest = dir.resolve("m.manifest.json");
        assertEquals(0, memos(KEY, "pack", "--input", tree.toString(), "--out", bundle.toString(), "--manifest", manifest.toString()).exit());
        Run up = memos(KEY, "--json", "upload", "--bundle", bundle.toString(), "--manifest", manifest.toString());
        assertEquals(0, up.exit(), up.err());
        List<JsonNode> uploads = events("upload");
        assertEquals(1, uploads.size());
        assertEquals(up.result().path("tx_id").asText(), uploads.get(0).path("details").path("tx_id").asText());
        assertFalse(wholeLog().contains(KEY.substring(0, 16)), "no key material in the log");
    }
}
