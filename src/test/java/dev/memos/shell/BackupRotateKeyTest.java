package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup rotate-key} with {@code --repo} through the real dispatcher (FORMAT.md §14.12): the
 * chain continues under the new key, the new key alone finds and restores the whole history, and
 * the refusals exit with their documented codes.
 */
class BackupRotateKeyTest {
    static final String A = "0x" + "61".repeat(32);
    static final String B = "0x" + "62".repeat(32);
    static final String C = "0x" + "63".repeat(32);
    @TempDir
    Path tmp;
    Path in;
    String repo;

    CliHarness home(String name, String key) {
        return new CliHarness(tmp.resolve(name)).with("ETH_PRIVATE_KEY", key);
    }

    @BeforeEach
    void twoBackupsUnderA() throws IOException {
        in = Files.createDirectories(tmp.resolve("in"));
        repo = tmp.resolve("repo").toString();
        CliHarness a = home("home-a", A);
        Files.writeString(in.resolve("a.md"), "one");
        assertEquals(0, a.run("backup", "--input", in.toString(), "--repo", repo).exit());
        Files.writeString(in.resolve("a.md"), "two");
        assertEquals(0, a.run("backup", "--input", in.toString(), "--repo", repo).exit());
    }

    CliHarness.Run rotate(String from, String to, String homeName, String... extra) {
        return rotateIn(repo, true, from, to, homeName, extra);
    }

    /** Text mode (errors on stderr) unless {@code json}. */
    CliHarness.Run rotateIn(String repoDir, boolean json, String from, String to, String homeName, String... extra) {
        List<String> argv = new ArrayList<>(List.of("backup", "rotate-key", "--repo", repoDir));
        if (json) {
            argv.add(0, "--json");
        }
        argv.addAll(List.of(extra));
        return home(homeName, from).with("MEMOS_NEW_ETH_PRIVATE_KEY", to).run(argv.toArray(String[]::new));
    }

    List<Long> sequences(CliHarness h) {
        CliHarness.Run r = h.run("--json", "snapshots", "--repo", repo);
        assertEquals(0, r.exit(), r.err());
        List<Long> out = new ArrayList<>();
        r.result().get("snapshots").forEach(n -> out.add(n.get("sequence").asLong()));
        return out;
    }

    String restoredA(CliHarness h, String... extra) throws IOException {
        Path out = tmp.resolve("out-" + System.nanoTime());
        List<String> argv = new ArrayList<>(List.of("restore", "--repo", repo, "--out", out.toString()));
        argv.addAll(List.of(extra));
        CliHarness.Run r = h.run(argv.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return Files.readString(out.resolve("a.md"));
    }

    @Test
    void new_key_alone_restores_the_old_history_and_continues_the_chain_at_the_next_sequence() throws IOException {
        CliHarness.Run r = rotate(A, B, "home-a");
        assertEquals(0, r.exit(), r.err());
        JsonNode res = r.result();
        assertEquals(2, res.get("sequence").asLong());
        assertTrue(res.get("handover_id").asText().matches("[0-9a-f]{64}"));
        assertTrue(home("home-a", A).run("audit", "tail").out().contains("key_rotation"), "the rotation is in the audit log");

        // a fresh home with only the new key: no rollback entry, no cache; the handover is all it has
        CliHarness b = home("home-b", B);
        assertEquals(List.of(1L, 2L), sequences(b));
        assertEquals("two", restoredA(b, "--latest"));
        Files.writeString(in.resolve("a.md"), "three");
        CliHarness.Run next = b.run("--json", "backup", "--input", in.toString(), "--repo", repo);
        assertEquals(0, next.exit(), next.err());
        assertEquals(3, next.result().get("sequence").asLong(), "continues after the old head, not at 1");
        assertEquals("three", restoredA(b, "--latest"));
        // the home that rotated continues the same way
        Files.writeString(in.resolve("a.md"), "four");
        assertEquals(4, home("home-a", B).run("--json", "backup", "--input", in.toString(), "--repo", repo).result().get("sequence").asLong());
    }

    @Test
    void two_rotations_in_a_row_are_followed_back_to_the_first_key() throws IOException {
        assertEquals(0, rotate(A, B, "home-a").exit());
        Files.writeString(in.resolve("a.md"), "under b");
        assertEquals(0, home("home-a", B).run("backup", "--input", in.toString(), "--repo", repo).exit());
        CliHarness.Run r = rotate(B, C, "home-a");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.result().get("sequence").asLong());
        CliHarness c = home("home-c", C);
        assertEquals(List.of(1L, 2L, 3L), sequences(c));
        assertEquals("under b", restoredA(c, "--latest"));
        String first = c.run("--json", "snapshots", "--repo", repo).result().get("snapshots").get(0).get("snapshot_id").asText();
        assertEquals("one", restoredA(c, "--snapshot", first), "a snapshot of the first key, two rotations back");
    }

    @Test
    void new_key_checks_lists_and_diffs_the_old_snapshots_with_their_own_keys() {
        assertEquals(0, rotate(A, B, "home-a").exit());
        CliHarness b = home("home-b", B);
        CliHarness.Run check = b.run("check", "--repo", repo, "--read-data");
        assertEquals(0, check.exit(), check.err());
        CliHarness.Run ls = b.run("ls", "latest", "--repo", repo);
        assertEquals(0, ls.exit(), ls.err());
        assertTrue(ls.out().contains("a.md"), ls.out());
        assertEquals(0, b.run("diff", "1", "2", "--repo", repo).exit());
    }

    @Test
    void a_snapshot_the_old_key_makes_after_the_rotation_is_ignored_by_the_new_key() throws IOException {
        assertEquals(0, rotate(A, B, "home-a").exit());
        Files.writeString(in.resolve("a.md"), "written by whoever kept the old key");
        assertEquals(0, home("home-x", A).run("backup", "--input", in.toString(), "--repo", repo).exit());
        CliHarness b = home("home-b", B);
        CliHarness.Run r = b.run("restore", "--latest", "--repo", repo, "--out", tmp.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("two", Files.readString(tmp.resolve("o/a.md")));
        assertTrue(r.err().contains("after it handed its backups over at sequence 2: ignored"), r.err());
    }

    @Test
    void rotation_to_the_same_key_is_refused_with_one_line() {
        CliHarness.Run r = rotateIn(repo, false, A, A, "home-a");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("the new key is the key in use"), r.err());
        assertFalse(Files.exists(Path.of(repo, "handovers")));
    }

    @Test
    void missing_new_key_without_a_terminal_is_a_usage_error_naming_the_variable() {
        CliHarness.Run r = home("home-a", A).run("backup", "rotate-key", "--repo", repo);
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("MEMOS_NEW_ETH_PRIVATE_KEY"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void a_new_key_other_than_the_confirmed_address_is_refused() {
        CliHarness.Run r = rotateIn(repo, false, A, B, "home-a", "--to", "0x" + "00".repeat(20));
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("not of --to"), r.err());
        assertFalse(Files.exists(Path.of(repo, "handovers")));
    }

    @Test
    void a_key_with_nothing_backed_up_has_nothing_to_hand_over() {
        // a folder of its own: in a folder with another key's snapshots, those are refused as foreign first
        CliHarness.Run r = rotateIn(tmp.resolve("empty-repo").toString(), false, B, C, "home-b");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("nothing to hand over"), r.err());
    }

    @Test
    void a_tampered_handover_stops_the_new_keys_restore_with_exit_4_and_writes_nothing() throws IOException {
        assertEquals(0, rotate(A, B, "home-a").exit());
        Path h;
        try (Stream<Path> s = Files.list(Path.of(repo, "handovers"))) {
            h = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(h);
        bytes[bytes.length - 40] ^= 1; // inside the encrypted record: the wrapped keys and signatures
        Files.write(h, bytes);
        CliHarness.Run r = home("home-b", B).run("restore", "--latest", "--repo", repo, "--out", tmp.resolve("o").toString());
        assertEquals(ExitCodes.INTEGRITY, r.exit(), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
