package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 §3: revocation and rollback state fail closed when files are removed or an older export is imported. */
class RevocationAndRollbackFailClosedTest {
    @TempDir
    Path home;
    @TempDir
    Path out;

    private CliHarness cli() {
        return new CliHarness(home).with("MEMOS_EXPORT_PASSPHRASE", "correct horse battery staple 42");
    }

    private Path export(CliHarness cli, String id, String folder) throws Exception {
        Path dir = out.resolve(folder);
        CliHarness.Run r = cli.run("id", "export", id, "--output", dir.toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> s = Files.list(dir)) {
            return s.findFirst().orElseThrow();
        }
    }

    /** An identity exported after one memory, then given a second one: the export is now older than the home. */
    private Path exportThenMoveOn(CliHarness cli) throws Exception {
        String id = cli.generate("NOVA");
        assertEquals(0, cli.run("mem", "add", "m1").exit());
        Path old = export(cli, id, "old");
        assertEquals(0, cli.run("mem", "add", "m2").exit());
        return old;
    }

    private Path revokedAndDeleted(CliHarness cli, String id) throws Exception {
        assertEquals(0, cli.run("mem", "add", "m1").exit());
        Path file = export(cli, id, "e");
        assertEquals(0, cli.run("id", "revoke", id, "--confirm").exit());
        assertEquals(0, cli.run("id", "delete", id, "--confirm").exit());
        Files.delete(home.resolve("identities/tombstones.json"));
        Files.delete(home.resolve("identities/tombstones.json.bak"));
        return file;
    }

    @Test
    void removed_tombstone_list_and_counter_do_not_let_a_deleted_identity_be_imported_again() throws Exception {
        CliHarness cli = cli();
        String id = cli.generate("VICT");
        Path file = revokedAndDeleted(cli, id);
        Files.delete(home.resolve("counters/rings-" + id + ".ctr"));
        CliHarness.Run r = cli.run("id", "import", file.toString());
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(id) && r.err().contains("rebuilt"), r.err());
        assertFalse(Files.exists(home.resolve("identities").resolve(id)), "nothing imported");
        CliHarness.Run again = cli.run("id", "import", file.toString());
        assertEquals(4, again.exit(), "the rebuilt tombstone keeps it dead: " + again.err());
        assertTrue(again.err().contains("tombstoned"), again.err());
    }

    @Test
    void list_tombstones_with_the_list_removed_is_an_integrity_error_then_shows_the_rebuilt_entry() throws Exception {
        CliHarness cli = cli();
        String id = cli.generate("VICT");
        revokedAndDeleted(cli, id);
        CliHarness.Run r = cli.run("id", "list-tombstones");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("no tombstones"), r.out());
        assertTrue(r.err().contains("the home audit log") && r.err().contains(id), r.err());
        CliHarness.Run after = cli.run("id", "list-tombstones");
        assertEquals(0, after.exit(), after.err());
        assertTrue(after.out().contains(id) && after.out().contains("deleted"), after.out());
        assertTrue(cli.run("audit", "query", "--event", "anomaly").out().contains("tombstone-rebuilt"));
    }

    @Test
    void a_counter_left_by_a_vanished_identity_without_tombstone_refuses_its_import() throws Exception {
        CliHarness cli = cli();
        String id = cli.generate("VICT");
        Path file = revokedAndDeleted(cli, id);
        // the home audit log gone too: only the rollback counter remembers the id
        Files.walk(home.resolve("audit")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        CliHarness.Run r = cli.run("id", "import", file.toString());
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("counters/rings-" + id + ".ctr"), r.err());
        assertFalse(Files.exists(home.resolve("identities").resolve(id)));
    }

    @Test
    void replace_with_an_older_export_is_refused_and_the_identity_keeps_working() throws Exception {
        CliHarness cli = cli();
        Path old = exportThenMoveOn(cli);
        CliHarness.Run r = cli.run("id", "import", old.toString(), "--replace");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("older") && r.err().contains("--allow-older"), r.err());
        CliHarness.Run add = cli.run("mem", "add", "m3");
        assertEquals(0, add.exit(), "the local state is intact: " + add.err());
        assertEquals(0, cli.run("id", "verify").exit());
    }

    @Test
    void allow_older_resets_the_counter_audits_it_and_leaves_a_working_identity() throws Exception {
        CliHarness cli = cli();
        Path old = exportThenMoveOn(cli);
        CliHarness.Run r = cli.run("id", "import", old.toString(), "--replace", "--allow-older");
        assertEquals(0, r.exit(), r.err());
        CliHarness.Run add = cli.run("mem", "add", "m3");
        assertEquals(0, add.exit(), "no false rollback alarm after --allow-older: " + add.err());
        assertEquals(0, cli.run("id", "verify").exit());
        String anomalies = cli.run("audit", "query", "--event", "anomaly").out();
        assertTrue(anomalies.contains("rollback-counter-reset") && anomalies.contains("--allow-older"), anomalies);
    }

    @Test
    void allow_older_without_replace_is_a_usage_error() throws Exception {
        CliHarness cli = cli();
        String id = cli.generate("NOVA");
        Path file = export(cli, id, "e");
        CliHarness.Run r = cli.run("id", "import", file.toString(), "--allow-older");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--replace"), r.err());
    }

    @Test
    void replacing_a_suspended_identity_keeps_it_suspended_and_says_so() throws Exception {
        CliHarness cli = cli();
        String id = cli.generate("NOVA");
        Path active = export(cli, id, "active");
        assertEquals(0, cli.run("id", "suspend", id).exit());
        CliHarness.Run r = cli.run("id", "import", active.toString(), "--replace");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("stays suspended"), r.out() + r.err());
        CliHarness.Run list = cli.run("--json", "id", "list");
        assertTrue(list.out().contains("suspended"), list.out());
        assertEquals(3, cli.run("mem", "add", "m2").exit(), "still suspended: no memory writes");
    }
}
