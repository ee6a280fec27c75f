package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 §5: unpack --ignore-rollback, config set, skill key creation and token repin-key are on record. */
class AuditHolesEventsTest {
    private static final String KEY = "77".repeat(32);

    @TempDir
    Path dir;

    private CliHarness.Run memos(String key, String... argv) {
        CliHarness cli = new CliHarness(dir.resolve("home"));
        return (key == null ? cli : cli.with("ETH_PRIVATE_KEY", key)).run(argv);
    }

    /** Entries of {@code type} in the home log and, when given, in {@code identity}'s log. */
    private List<JsonNode> events(String type, String identity) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        List<String[]> logs = new ArrayList<>();
        logs.add(new String[0]);
        if (identity != null) {
            logs.add(new String[] {"--identity", identity});
        }
        for (String[] which : logs) {
            Path file = dir.resolve("export-" + System.nanoTime() + ".jsonl");
            List<String> argv = new ArrayList<>(List.of("audit", "export", "--format", "jsonl", "--output", file.toString()));
            argv.addAll(List.of(which));
            CliHarness.Run r = memos(null, argv.toArray(String[]::new));
            if (r.err().contains("nothing was logged there yet")) {
                continue;
            }
            assertEquals(0, r.exit(), r.err());
            for (String line : Files.readAllLines(file)) {
                JsonNode n = Json.mapper().readTree(line);
                if (type.equals(n.path("event").asText())) {
                    out.add(n.path("details"));
                }
            }
        }
        return out;
    }

    @Test
    void config_set_records_the_key_the_old_and_the_new_value() throws Exception {
        assertEquals(0, memos(null, "config", "set", "rings.writes-per-minute", "50").exit());
        assertEquals(0, memos(null, "config", "set", "rings.writes-per-minute", "60").exit());
        List<JsonNode> changes = events("config_change", null);
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("rings.writes-per-minute", changes.get(0).path("key").asText());
        assertEquals("(default) 30", changes.get(0).path("old").asText());
        assertEquals("50", changes.get(0).path("value").asText());
        assertEquals("50", changes.get(1).path("old").asText());
        assertEquals("60", changes.get(1).path("value").asText());
        assertEquals(2, memos(null, "config", "set", "rings.writes-per-minute", "lots").exit());
        assertEquals(2, events("config_change", null).size(), "a refused value changed nothing and records nothing");
    }

    @Test
    void unpack_with_ignore_rollback_is_recorded_also_when_it_fails() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("a.md"), "one");
        Path bundle = dir.resolve("m.bundle");
        Path manifest = dir.resolve("m.manifest.json");
        assertEquals(0, memos(KEY, "pack", "--input", tree.toString(), "--out", bundle.toString(), "--manifest", manifest.toString()).exit());
        assertEquals(0, memos(KEY, "unpack", "--bundle", bundle.toString(), "--manifest", manifest.toString(),
                "--out", dir.resolve("plain").toString()).exit());
        assertEquals(List.of(), events("restore_ignore_rollback", null), "without the override nothing is recorded");
        CliHarness.Run forced = memos(KEY, "unpack", "--bundle", bundle.toString(), "--manifest", manifest.toString(),
                "--out", dir.resolve("forced").toString(), "--ignore-rollback");
        assertEquals(0, forced.exit(), forced.err());
        List<JsonNode> ignored = events("restore_ignore_rollback", null);
        assertEquals(1, ignored.size());
        assertEquals("restored", ignored.get(0).path("outcome").asText());
        assertEquals(bundle.toAbsolutePath().normalize().toString(), ignored.get(0).path("bundle").asText());
        assertEquals("1", ignored.get(0).path("files").asText());

        Files.write(bundle, new byte[] {1, 2, 3});
        CliHarness.Run failed = memos(KEY, "unpack", "--bundle", bundle.toString(), "--manifest", manifest.toString(),
                "--out", dir.resolve("failed").toString(), "--ignore-rollback");
        assertNotEquals(0, failed.exit());
        ignored = events("restore_ignore_rollback", null);
        assertEquals(2, ignored.size());
        assertEquals("failed", ignored.get(1).path("outcome").asText());
        assertTrue(!Files.exists(dir.resolve("failed")) || Files.list(dir.resolve("failed")).findAny().isEmpty(),
                "nothing was restored from the damaged bundle");
    }

    @Test
    void skill_key_creation_and_repin_key_are_recorded_with_public_keys_only() throws Exception {
        CliHarness.Run gen = memos(null, "--json", "id", "generate", "--name", "NOVA");
        assertEquals(0, gen.exit(), gen.err());
        String id = Json.mapper().readTree(gen.out()).path("result").path("id").asText();
        CliHarness.Run kg = memos(null, "--json", "token", "keygen", "skill:weather");
        assertEquals(0, kg.exit(), kg.err());
        String pub = Json.mapper().readTree(kg.out()).path("result").path("public_key").asText();
        List<JsonNode> created = events("skill_key_created", id);
        assertEquals(1, created.size(), created.toString());
        assertEquals("skill:weather", created.get(0).path("skill").asText());
        assertEquals(pub, created.get(0).path("public_key").asText());
        assertEquals("false", created.get(0).path("rotated").asText());

        assertEquals(0, memos(null, "token", "keygen", "skill:weather", "--rotate").exit());
        created = events("skill_key_created", id);
        assertEquals(2, created.size());
        assertEquals("true", created.get(1).path("rotated").asText());

        assertEquals(0, memos(null, "token", "repin-key", "skill:weather", "--issuer", id, "--key", pub).exit());
        assertEquals(0, memos(null, "token", "repin-key", "skill:weather").exit());
        List<JsonNode> pins = events("pin_change", id);
        assertEquals(2, pins.size(), pins.toString());
        assertEquals("pinned", pins.get(0).path("action").asText());
        assertEquals(pub, pins.get(0).path("public_key").asText());
        assertEquals("forgot", pins.get(1).path("action").asText());
        assertEquals("1", pins.get(1).path("count").asText());
        assertEquals("*", pins.get(1).path("issuer").asText());
    }

    @Test
    void audit_verify_fails_after_a_silent_tail_truncation_and_the_next_command_records_it() throws Exception {
        assertEquals(0, memos(null, "config", "set", "rings.writes-per-minute", "50").exit());
        assertEquals(0, memos(null, "config", "set", "rings.writes-per-minute", "60").exit());
        assertEquals(0, memos(null, "audit", "verify").exit());
        // The recipe: cut audit.log at the last record, drop the last checkpoint line.
        Path log = dir.resolve("home").resolve("audit");
        long lastOffset = Json.mapper().readTree(Files.readAllBytes(log.resolve("state.json"))).get("last_offset").longValue();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(log.resolve("audit.log"),
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(lastOffset);
        }
        List<String> cps = Files.readAllLines(log.resolve("checkpoints.jsonl"));
        Files.write(log.resolve("checkpoints.jsonl"), cps.subList(0, cps.size() - 1));
        CliHarness.Run verify = memos(null, "audit", "verify");
        assertEquals(4, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.err().contains("state.json) records 2"), verify.err());
        assertEquals(0, memos(null, "config", "set", "rings.writes-per-minute", "70").exit());
        List<JsonNode> anomalies = events("anomaly", null);
        assertEquals(1, anomalies.size(), anomalies.toString());
        assertEquals("audit-truncated", anomalies.get(0).path("kind").asText());
        assertEquals("2", anomalies.get(0).path("state_size").asText());
        assertEquals("1", anomalies.get(0).path("found_size").asText());
        assertEquals(0, memos(null, "audit", "verify").exit(), "the loss is on record; the log verifies again");
    }
}
