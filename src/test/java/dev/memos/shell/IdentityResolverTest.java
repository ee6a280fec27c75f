package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which identity mem/id commands act as when none was unlocked in the session ({@link IdentityResolver}). */
class IdentityResolverTest {
    @TempDir
    Path tmp;

    @Test
    void one_shot_mem_add_unlocks_the_only_tier1_identity() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        CliHarness.Run add = cli.run("mem", "add", "met Alice about the budget");
        assertEquals(0, add.exit(), add.err());
        CliHarness.Run show = cli.run("--json", "mem", "show");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("met Alice about the budget"));
        assertEquals(0, cli.run("id", "verify").exit());
        assertTrue(cli.run("--json", "id", "status").result().get("id").asText().equals(id));
    }

    @Test
    void pipe_mode_resolves_once_and_keeps_the_identity_for_the_session() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        CliHarness.Run r = cli.pipe("mem add one", "mem add two", "id status");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(id));
        assertTrue(cli.run("mem", "search", "two").out().contains("two"));
    }

    @Test
    void tier2_only_identity_unlocks_from_MEMOS_PASSPHRASE() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_PASSPHRASE", "correct horse battery");
        cli.generate("apex", "--passphrase");
        CliHarness.Run add = cli.run("mem", "add", "from a script");
        assertEquals(0, add.exit(), add.err());
    }

    @Test
    void rejects_tier2_without_passphrase_in_environment_naming_unlock() {
        CliHarness cli = new CliHarness(tmp.resolve("h")).with("MEMOS_PASSPHRASE", "correct horse battery");
        String id = cli.generate("apex", "--passphrase");
        cli.without("MEMOS_PASSPHRASE");
        CliHarness.Run add = cli.run("mem", "add", "x");
        assertEquals(3, add.exit());
        assertTrue(add.err().contains("unlock " + id), add.err());
        assertTrue(add.err().contains("MEMOS_PASSPHRASE"), add.err());
    }

    @Test
    void rejects_wrong_passphrase_in_environment_and_audits_it_without_the_secret() throws Exception {
        Path home = tmp.resolve("h");
        CliHarness cli = new CliHarness(home).with("MEMOS_PASSPHRASE", "correct horse battery");
        String id = cli.generate("apex", "--passphrase");
        cli.with("MEMOS_PASSPHRASE", "wrong horse battery");
        CliHarness.Run add = cli.run("mem", "add", "x");
        assertEquals(3, add.exit());
        assertTrue(add.err().contains("unlock " + id), add.err());
        CliHarness.Run q = cli.run("--json", "audit", "query", "--event", "unlock_failed");
        assertEquals(1, q.result().get("count").asInt(), q.out());
        assertEquals(id, q.result().get("entries").get(0).get("identity").asText());
        assertFalse(AuditFiles.allBytes(home).contains("wrong horse battery"));
    }

    @Test
    void rejects_when_two_identities_are_active_naming_unlock() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        cli.generate("nova");
        cli.generate("apex");
        CliHarness.Run add = cli.run("mem", "add", "x");
        assertEquals(3, add.exit());
        assertTrue(add.err().contains("unlock ID"), add.err());
        assertTrue(add.err().contains("2 are active"), add.err());
    }

    @Test
    void two_identities_one_suspended_resolves_the_active_one() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String nova = cli.generate("nova");
        String apex = cli.generate("apex");
        assertEquals(0, cli.run("id", "suspend", apex).exit());
        assertEquals(0, cli.run("mem", "add", "x").exit());
        assertTrue(cli.run("--json", "id", "status", nova).result().get("rings").get("ring0_entries").asInt() == 1);
    }

    @Test
    void rejects_when_no_identity_exists() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        CliHarness.Run add = cli.run("mem", "add", "x");
        assertEquals(3, add.exit());
        assertTrue(add.err().contains("unlock ID"), add.err());
    }

    @Test
    void rejects_a_suspended_only_identity() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String id = cli.generate("nova");
        assertEquals(0, cli.run("id", "suspend", id).exit());
        CliHarness.Run add = cli.run("mem", "add", "x");
        assertEquals(3, add.exit());
        assertTrue(add.err().contains("none is active"), add.err());
    }

    @Test
    void the_unlocked_identity_wins_over_the_only_active_rule() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        String nova = cli.generate("nova");
        String apex = cli.generate("apex");
        CliHarness.Run r = cli.pipe("unlock " + apex, "mem add \"for apex\"");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, cli.run("--json", "id", "status", apex).result().get("rings").get("ring0_entries").asInt());
        assertEquals(0, cli.run("--json", "id", "status", nova).result().get("rings").get("ring0_entries").asInt());
    }
}
