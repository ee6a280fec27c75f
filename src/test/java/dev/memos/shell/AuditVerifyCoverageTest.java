package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20 §4: audit verify covers every identity of the home; a deleted log is a failure, not "ok". */
class AuditVerifyCoverageTest {
    @TempDir
    Path home;

    private static void rmrf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_deleted_identity_log_fails_audit_verify_naming_the_identity() throws Exception {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        assertEquals(0, cli.run("mem", "add", "m1").exit());
        assertEquals(0, cli.run("audit", "verify").exit());
        rmrf(home.resolve("identities").resolve(id).resolve("audit"));
        CliHarness.Run r = cli.run("audit", "verify");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(id) && r.err().contains("missing"), r.err());
        assertFalse(r.out().contains("ok"), r.out());
        CliHarness.Run one = cli.run("audit", "verify", "--identity", id);
        assertEquals(4, one.exit(), one.err());
    }

    @Test
    void deleted_home_and_identity_logs_fail_rather_than_say_nothing_was_logged() throws Exception {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        assertEquals(0, cli.run("mem", "add", "m1").exit());
        rmrf(home.resolve("identities").resolve(id).resolve("audit"));
        rmrf(home.resolve("audit"));
        CliHarness.Run r = cli.run("audit", "verify");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertFalse(r.err().contains("nothing was logged"), r.err());
        assertTrue(r.err().contains("'home'") && r.err().contains(id), r.err());
    }

    @Test
    void an_identity_that_never_logged_is_listed_and_does_not_fail() throws Exception {
        CliHarness cli = new CliHarness(home);
        String id = cli.generate("NOVA");
        CliHarness.Run r = cli.run("audit", "verify");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(id) && r.out().contains("no log yet"), r.out());
    }

    @Test
    void an_empty_home_still_says_nothing_was_logged() {
        CliHarness.Run r = new CliHarness(home).run("audit", "verify");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("nothing was logged"), r.err());
    }
}
