package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id rotate-key}: the new key is the identity's key, the rotation is audited, and what cannot follow is refused. */
class IdRotateKeyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void rotates_a_tier1_key_reports_both_fingerprints_and_audits_key_rotation() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        String before = cli.run("--json", "id", "status", id).result().get("fingerprint").asText();
        CliHarness.Run r = cli.run("--json", "id", "rotate-key", id);
        assertEquals(0, r.exit(), r.err());
        JsonNode res = r.result();
        assertEquals(1, res.get("sequence").asInt());
        assertEquals(before, res.get("previous_fingerprint").asText());
        assertNotEquals(before, res.get("fingerprint").asText());
        assertFalse(res.get("started_log").asBoolean());
        assertEquals(res.get("fingerprint").asText(), cli.run("--json", "id", "status", id).result().get("fingerprint").asText());
        CliHarness.Run q = cli.run("--json", "audit", "query", "--event", "key_rotation");
        JsonNode e = q.result().get("entries").get(0);
        assertEquals("identity-key", e.get("details").get("kind").asText());
        assertEquals(before, e.get("details").get("from").asText());
        assertEquals(res.get("fingerprint").asText(), e.get("details").get("to").asText());
        // The rotated key signs: memory and the chain start under it.
        assertEquals(0, cli.run("mem", "add", "written after the rotation").exit());
    }

    @Test
    void refuses_an_identity_whose_memory_chain_is_bound_to_the_current_key_and_changes_nothing() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        assertEquals(0, cli.run("mem", "add", "a memory").exit());
        String before = cli.run("--json", "id", "status", id).result().get("fingerprint").asText();
        CliHarness.Run r = cli.run("id", "rotate-key", id);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("memory chain"), r.err());
        assertEquals(before, cli.run("--json", "id", "status", id).result().get("fingerprint").asText());
        assertEquals(0, cli.run("mem", "add", "still writes").exit());
    }

    @Test
    void a_tier2_rotation_needs_the_passphrase_from_the_environment() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_PASSPHRASE", "rotation passphrase 1");
        String id = cli.generate("nova", "--passphrase");
        CliHarness.Run ok = cli.run("--json", "id", "rotate-key", id);
        assertEquals(0, ok.exit(), ok.err());
        CliHarness.Run missing = cli.without("MEMOS_PASSPHRASE").run("id", "rotate-key", id);
        assertEquals(3, missing.exit(), missing.err());
        assertTrue(missing.err().contains("MEMOS_PASSPHRASE"), missing.err());
    }
}
