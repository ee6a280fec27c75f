package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.audit.AuditLog;
import dev.memos.audit.AuditLogs;
import dev.memos.config.MemosHome;
import dev.memos.encoding.Json;
import dev.memos.shell.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `audit anchor` publishes to the local Arweave devnet; `audit verify --anchored` catches a replaced log. */
@Tag("arlocal")
class AuditAnchorArlocalTest {
    private static final String KEY = "5a".repeat(32);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        JsonNode result() throws Exception {
            return Json.mapper().readTree(out).path("result");
        }
    }

    private Run memos(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("MEMOS_HOME", dir.resolve("home").toString());
        env.put("ETH_PRIVATE_KEY", KEY);
        int code = Main.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
    }

    private MemosHome home() {
        return MemosHome.at(dir.resolve("home")).ensure();
    }

    private void log(int entries) {
        try (AuditLog log = AuditLogs.forHome(home())) {
            for (int i = 0; i < entries; i++) {
                log.append("backup", "", Map.of("sequence", Integer.toString(i)));
            }
            log.checkpoint();
        }
    }

    private void useDevnet() {
        String url = dev.memos.arweave.Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, memos("config", "set", "local.node", url).exit());
        }
    }

    @Test
    void whole_log_replaced_by_a_shorter_valid_one_is_caught_against_the_arweave_anchor() throws Exception {
        useDevnet();
        log(6);
        Run anchored = memos("--json", "audit", "anchor");
        assertEquals(0, anchored.exit(), anchored.err());
        assertTrue(anchored.result().path("anchor").asText().matches("ar:[A-Za-z0-9_-]{43}"), anchored.out());
        assertEquals(6, anchored.result().path("size").asLong());
        Run ok = memos("--json", "audit", "verify", "--anchored");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(6, ok.result().path("logs").get(0).path("anchored_size").asLong());

        // The attacker owns the home: deletes the whole log and writes a shorter, internally valid one.
        try (Stream<Path> s = Files.walk(AuditLogs.homeDirectory(home()))) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        log(3);
        assertEquals(0, memos("audit", "verify").exit(), "locally the shorter log is consistent");
        Run caught = memos("audit", "verify", "--anchored");
        assertEquals(4, caught.exit(), caught.err());
    }

    @Test
    void newest_anchor_wins_and_a_log_never_anchored_is_reported() throws Exception {
        useDevnet();
        log(2);
        Run none = memos("audit", "verify", "--anchored");
        assertEquals(1, none.exit(), none.err());
        assertTrue(none.err().contains("audit anchor"), none.err());
        assertEquals(0, memos("audit", "anchor").exit());
        log(2);
        assertEquals(0, memos("audit", "anchor").exit());
        Run ok = memos("--json", "audit", "verify", "--anchored");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(4, ok.result().path("logs").get(0).path("anchored_size").asLong(), "the larger checkpoint is the newest");
    }

    @Test
    void folder_anchor_stays_available_and_needs_no_key() throws Exception {
        log(2);
        Path folder = dir.resolve("anchors");
        assertEquals(0, memos("config", "set", "audit.anchor-dir", folder.toString()).exit());
        Run r = memos("--json", "audit", "anchor");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.list(folder).findAny().isPresent());
        assertEquals(0, memos("audit", "verify", "--anchored").exit());
    }
}
