package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit commands as a user runs them: the packaged jar in a child process. */
class AuditCliIT {
    @TempDir
    Path tmp;
    Path home;

    @BeforeEach
    void threeHundredEntries() throws Exception {
        home = tmp.resolve("home");
        assertEquals(0, Subprocess.run(Subprocess.appendLoop(home, 300, 25)).exit());
    }

    private Subprocess.Result memos(String... args) throws Exception {
        return Subprocess.memos(home, args);
    }

    private JsonNode json(String... args) throws Exception {
        Subprocess.Result r = memos(args);
        return Json.mapper().readTree(r.out());
    }

    @Test
    void tail_query_verify_export() throws Exception {
        Subprocess.Result tail = memos("audit", "tail", "-n", "5");
        assertEquals(0, tail.exit(), tail.err());
        assertEquals(5, tail.out().strip().split("\n").length);
        assertTrue(tail.out().strip().endsWith("n=299  pad=" + "x".repeat(299 % 50)));

        JsonNode q = json("--json", "audit", "query", "--event", "cit_rejected", "--identity", "alice", "--last", "1h");
        assertTrue(q.get("ok").asBoolean());
        JsonNode entries = q.get("result").get("entries");
        assertTrue(entries.size() > 0);
        entries.forEach(e -> {
            assertEquals("cit_rejected", e.get("event").asText());
            assertEquals("alice", e.get("identity").asText());
        });
        assertEquals(0, json("--json", "audit", "query", "--event", "cit_rejected", "--since", "2000-01-01", "--until", "2000-01-02")
                .get("result").get("count").asInt());

        Subprocess.Result verify = memos("audit", "verify");
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().contains("300 entries"));

        Path out = tmp.resolve("audit.json");
        assertEquals(0, memos("audit", "export", "--format", "json", "--output", out.toString()).exit());
        JsonNode export = Json.mapper().readTree(out.toFile());
        assertEquals(AuditExport.FORMAT_ID, export.get("format").asText());
        assertEquals(300, export.get("entries").size());
        assertTrue(export.get("checkpoints").size() > 0);
        assertEquals(2, memos("audit", "export", "--format", "json", "--output", out.toString()).exit(), "no silent overwrite");
        Path lines = tmp.resolve("audit.jsonl");
        assertEquals(0, memos("audit", "export", "--format", "jsonl", "--output", lines.toString()).exit());
        List<String> all = Files.readAllLines(lines);
        assertEquals(300, all.stream().filter(l -> l.startsWith("{\"kind\":\"entry\"")).count());
    }

    @Test
    void prove_and_verify_proof_with_public_key_only() throws Exception {
        String key = json("--json", "audit", "verify").get("result").get("logs").get(0).get("public_key").asText();
        Path proof = tmp.resolve("proof.json");
        assertEquals(0, memos("audit", "prove", "--index", "42", "--output", proof.toString()).exit());
        Path elsewhere = tmp.resolve("auditor-home");
        Subprocess.Result ok = Subprocess.memos(elsewhere, "audit", "verify-proof", proof.toString(), "--public-key", key);
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("entry 42"));
        Path cons = tmp.resolve("cons.json");
        assertEquals(0, memos("audit", "prove", "--from", "100", "--output", cons.toString()).exit());
        assertEquals(0, Subprocess.memos(elsewhere, "audit", "verify-proof", cons.toString(), "--public-key", key).exit());
        String otherKey = "ed25519:" + dev.memos.encoding.Base64Url.encode(new byte[32]);
        assertEquals(4, Subprocess.memos(elsewhere, "audit", "verify-proof", proof.toString(), "--public-key", otherKey).exit());
    }

    @Test
    void verify_exits_4_naming_the_first_bad_index() throws Exception {
        Path file = home.resolve("audit").resolve(AuditLogs.LOG_FILE);
        RawLog raw = RawLog.read(file.getParent());
        raw.records.remove(120);
        raw.write();
        Subprocess.Result r = memos("audit", "verify");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("first bad index 120"), r.err());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(100);
            f.write(f.read() ^ 1);
        }
        assertEquals(4, memos("audit", "verify").exit());
    }

    @Test
    void anchored_verify_catches_a_shorter_valid_log() throws Exception {
        Path anchors = tmp.resolve("anchors");
        // Without a folder the anchor goes to Arweave, which needs the Ethereum key to sign it.
        assertEquals(3, memos("audit", "anchor").exit(), "anchoring to Arweave without ETH_PRIVATE_KEY");
        assertEquals(0, memos("config", "set", "audit.anchor-dir", anchors.toString()).exit());
        Subprocess.Result a = memos("audit", "anchor");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, memos("audit", "verify", "--anchored").exit());
        for (String f : List.of(AuditLogs.LOG_FILE, AuditLogs.CHECKPOINTS_FILE, AuditLogs.STATE_FILE)) {
            Files.delete(home.resolve("audit").resolve(f));
            // the attacker holds the device key: the verified copies go too (FORMAT.md §17)
            Files.deleteIfExists(dev.memos.store.MirroredFile.copyOf(home.resolve("audit").resolve(f)));
        }
        assertEquals(0, Subprocess.run(Subprocess.appendLoop(home, 100, 25)).exit());
        assertEquals(0, memos("audit", "verify").exit(), "the replacement is self-consistent");
        Subprocess.Result r = memos("audit", "verify", "--anchored");
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("first bad index 100"), r.err());
    }

    @Test
    void tail_follow_prints_new_events() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Subprocess.java(), "-jar", Subprocess.jar().toString(), "audit", "tail", "--lines", "1", "--follow");
        pb.environment().put("MEMOS_HOME", home.toString());
        Process p = pb.redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertTrue(r.readLine().startsWith("#299"));
            assertEquals(0, Subprocess.run(Subprocess.appendLoop(home, 3, 3)).exit());
            for (int i = 0; i < 3; i++) {
                assertTrue(r.readLine().startsWith("#" + (300 + i)));
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
