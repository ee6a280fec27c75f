package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ls, diff and the backup/restore filter options end to end through the dispatcher: exit codes and one-line errors. */
class SnapshotCommandsTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path in;
    String repo;

    @BeforeEach
    void oneSnapshot() throws IOException {
        cli = new CliHarness(tmp.resolve("home")).with("ETH_PRIVATE_KEY", "0x" + "61".repeat(32));
        in = Files.createDirectories(tmp.resolve("in/notes"));
        in = tmp.resolve("in");
        Files.writeString(in.resolve("notes/a.md"), "alpha");
        Files.writeString(in.resolve("b.tmp"), "scratch");
        repo = tmp.resolve("repo").toString();
        CliHarness.Run r = cli.run("backup", "--input", in.toString(), "--repo", repo, "--exclude", "*.tmp");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void ls_shows_the_tree_without_excluded_paths() {
        CliHarness.Run r = cli.run("ls", "latest", "--repo", repo);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("notes/a.md"), r.out());
        assertFalse(r.out().contains("b.tmp"), r.out());
    }

    @Test
    void ls_of_an_unknown_snapshot_exits_2_with_one_line() {
        CliHarness.Run r = cli.run("ls", "5", "--repo", repo);
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no snapshot with sequence 5"), r.err());
    }

    @Test
    void diff_between_two_snapshots_names_the_change() throws IOException {
        Files.writeString(in.resolve("c.md"), "new");
        assertEquals(0, cli.run("backup", "--input", in.toString(), "--repo", repo).exit());
        CliHarness.Run r = cli.run("diff", "1", "2", "--repo", repo);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("+ c.md  (3)"), r.out());
        assertTrue(r.out().contains("+ b.tmp  (7)"), "not excluded the second time: " + r.out());
    }

    @Test
    void max_spend_garbage_exits_2_and_writes_nothing() throws IOException {
        Files.writeString(in.resolve("c.md"), "new");
        CliHarness.Run r = cli.run("backup", "--input", in.toString(), "--repo", repo, "--max-spend", "ten bucks");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--max-spend 'ten bucks' is not an amount"), r.err());
        assertEquals(1, cli.run("--json", "snapshots", "--repo", repo).out().split("\"sequence\"").length - 1);
    }

    @Test
    void snapshot_options_on_a_single_bundle_are_refused_by_name() {
        CliHarness.Run r = cli.run("backup", "--input", in.toString(), "--format", "bundle", "--exclude", "*.tmp");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("backup --exclude works with snapshot backups: drop --format bundle"), r.err());
        CliHarness.Run s = cli.run("restore", "--tx-id", "A".repeat(43), "--out", tmp.resolve("o").toString(), "--include", "x");
        assertEquals(ExitCodes.USAGE, s.exit());
        assertTrue(s.err().contains("restore --include works with snapshot backups; this one is a single bundle"), s.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void restore_include_with_a_bad_glob_exits_2_naming_the_option() {
        CliHarness.Run r = cli.run("restore", "--repo", repo, "--latest", "--out", tmp.resolve("o").toString(), "--include", "a[");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--include 'a[': unclosed '['"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
