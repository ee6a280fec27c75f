package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disaster-recovery scenario on arlocal, through the packaged jar: a fresh home with only
 * ETH_PRIVATE_KEY backs a tree up three times while it changes, the home is deleted, and
 * restore --latest brings back the third version byte for byte; an older tx id is refused as rollback.
 */
@org.junit.jupiter.api.Tag("arlocal")
class DisasterRecoveryIT {
    @TempDir
    Path dir;

    @Test
    void fresh_home_three_backups_delete_home_restore_latest_equals_v3_and_refuses_rollback() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x11;
        Path home = dir.resolve("home");
        MemosProcess memos = new MemosProcess(home, Hex.encode(k));
        memos.useDevnet();
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("notes"));
        List<String> ids = new ArrayList<>();
        for (int v = 1; v <= 3; v++) {
            Files.writeString(tree.resolve("notes/day.md"), "version " + v + "\n");
            Files.write(tree.resolve("state-" + v + ".bin"), Vectors.det(100_000 * v, "dr-" + v));
            MemosProcess.Run r = memos.run("--json", "backup", "--format", "bundle", "--input", tree.toString());
            assertEquals(0, r.exit(), r.err());
            JsonNode data = Json.mapper().readTree(r.out());
            assertEquals("uploaded", data.path("result").path("outcome").asText(), r.out());
            assertEquals(v, data.path("result").path("sequence").asInt());
            ids.add(data.path("result").path("tx_id").asText());
        }
        MemosProcess.Run again = memos.run("backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, again.exit());
        assertTrue(again.out().contains("nothing changed"), again.out());

        deleteTree(home);
        memos.useDevnet();
        Path out = dir.resolve("restored");
        MemosProcess.Run r = memos.run("restore", "--latest", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTreesEqual(tree, out);

        MemosProcess.Run old = memos.run("restore", "--tx-id", ids.get(0), "--out", dir.resolve("old").toString());
        assertEquals(4, old.exit(), old.out() + old.err());
        assertTrue(old.err().contains("rollback"), old.err());
        assertFalse(Files.exists(dir.resolve("old")));

        MemosProcess.Run list = memos.run("list");
        assertEquals(0, list.exit(), list.err());
        for (String id : ids) {
            assertTrue(list.out().contains(id), list.out());
        }
        assertTrue(Files.readAllLines(home.resolve("completion/txids")).containsAll(ids));
    }

    static void assertTreesEqual(Path a, Path b) throws Exception {
        List<Path> fa = files(a);
        List<Path> fb = files(b);
        assertEquals(fa.stream().map(p -> a.relativize(p).toString()).toList(), fb.stream().map(p -> b.relativize(p).toString()).toList());
        for (int i = 0; i < fa.size(); i++) {
            if (Files.isRegularFile(fa.get(i))) {
                assertArrayEquals(Files.readAllBytes(fa.get(i)), Files.readAllBytes(fb.get(i)), fa.get(i).toString());
            }
        }
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    static void deleteTree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
