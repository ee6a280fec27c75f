package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code id passphrase}: secrets from the environment only, a key_rotation audit event, clear refusals. */
class IdPassphraseCommandTest {
    static final String OLD = "old passphrase 1234";
    static final String NEW = "new passphrase 5678";

    @TempDir
    Path tmp;

    @Test
    void changes_the_tier2_passphrase_from_the_environment_and_audits_it() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_PASSPHRASE", OLD);
        String id = cli.generate("nova", "--passphrase");
        CliHarness.Run r = cli.with("MEMOS_NEW_PASSPHRASE", NEW).run("--json", "id", "passphrase", id);
        assertEquals(0, r.exit(), r.err());
        assertEquals(id, r.result().get("id").asText());
        assertEquals(2, r.result().get("tier").asInt());
        assertFalse(r.out().contains(NEW) || r.err().contains(NEW) || r.out().contains(OLD));
        cli.without("MEMOS_NEW_PASSPHRASE");
        CliHarness.Run oldOne = cli.run("unlock", id);
        assertEquals(3, oldOne.exit(), oldOne.out() + oldOne.err());
        CliHarness.Run newOne = cli.with("MEMOS_PASSPHRASE", NEW).run("unlock", id);
        assertEquals(0, newOne.exit(), newOne.err());
        CliHarness.Run q = cli.run("--json", "audit", "query", "--event", "key_rotation");
        assertEquals(0, q.exit(), q.err());
        JsonNode e = q.result().get("entries").get(0);
        assertEquals("passphrase", e.get("details").get("kind").asText());
        assertEquals(id, e.get("identity").asText());
    }

    @Test
    void without_a_new_passphrase_or_terminal_it_names_MEMOS_NEW_PASSPHRASE_and_changes_nothing() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_PASSPHRASE", OLD);
        String id = cli.generate("nova", "--passphrase");
        CliHarness.Run r = cli.run("id", "passphrase", id);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("MEMOS_NEW_PASSPHRASE"), r.err());
        assertEquals(0, cli.run("unlock", id).exit());
    }

    @Test
    void a_tier1_identity_is_refused_with_a_usage_error() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_NEW_PASSPHRASE", NEW);
        String id = cli.generate("nova");
        CliHarness.Run r = cli.run("id", "passphrase", id);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("only tier-2"), r.err());
    }
}
