package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup/restore/snapshots --repo DIR through the packaged launcher: exit codes, JSON fields, dedup. */
class SnapshotRepoIT {
    @TempDir
    Path tmp;

    MemosProcess memos() {
        return new MemosProcess(tmp.resolve("home")).env("ETH_PRIVATE_KEY", ShellModesIT.KEY);
    }

    Path tree() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in/notes"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(in.resolve("n" + i + ".md"), ("note " + i + " about the agent's memory\n").repeat(200 + 40 * i));
        }
        byte[] noise = new byte[1_500_000];
        new Random(1).nextBytes(noise);
        Files.write(tmp.resolve("in/vectors.f32"), noise);
        return tmp.resolve("in");
    }

    static JsonNode json(MemosProcess.Result r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void backup_twice_list_and_restore_latest_from_a_local_repository() throws Exception {
        Path in = tree();
        String repo = tmp.resolve("repo").toString();
        JsonNode first = json(memos().run("--json", "backup", "--input", in.toString(), "--repo", repo));
        assertEquals(1, first.path("result").path("sequence").asLong(), first.toString());
        for (String f : new String[] {"snapshot_id", "sequence", "files", "new_bytes", "uploaded_bytes", "packs_uploaded", "reused_chunks"}) {
            assertTrue(first.path("result").has(f), "json has " + f + ": " + first);
        }
        Files.writeString(in.resolve("notes/n3.md"), "one more line\n", StandardOpenOption.APPEND);
        JsonNode second = json(memos().run("--json", "backup", "--input", in.toString(), "--repo", repo));
        assertEquals(2, second.path("result").path("sequence").asLong());
        assertTrue(second.path("result").path("new_bytes").asLong() < 20_000, second.toString());
        MemosProcess.Result list = memos().run("snapshots", "--repo", repo);
        assertEquals(0, list.exit(), list.err());
        assertEquals(3, list.outLines().size(), list.out());
        MemosProcess.Result restored = memos().run("restore", "--repo", repo, "--latest", "--out", tmp.resolve("out").toString());
        assertEquals(0, restored.exit(), restored.err());
        try (Stream<Path> s = Files.walk(in)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(tmp.resolve("out").resolve(in.relativize(p).toString())));
            }
        }
    }

    @Test
    void a_missing_pack_exits_5_naming_it_and_a_tampered_snapshot_exits_4() throws Exception {
        Path in = tree();
        Path repo = tmp.resolve("repo");
        assertEquals(0, memos().run("backup", "--input", in.toString(), "--repo", repo.toString()).exit());
        Path pack;
        try (Stream<Path> s = Files.walk(repo.resolve("packs"))) {
            pack = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Path moved = tmp.resolve("moved-pack");
        Files.move(pack, moved);
        MemosProcess.Result missing = memos().run("restore", "--repo", repo.toString(), "--latest", "--out", tmp.resolve("out").toString());
        assertEquals(5, missing.exit(), missing.err());
        assertTrue(missing.err().contains(pack.getFileName().toString().substring(0, 12)), missing.err());
        assertFalse(Files.exists(tmp.resolve("out")));
        Files.move(moved, pack);
        Path snap;
        try (Stream<Path> s = Files.list(repo.resolve("snapshots"))) {
            snap = s.findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(snap);
        b[100] ^= 1;
        Files.write(snap, b);
        MemosProcess.Result tampered = memos().run("restore", "--repo", repo.toString(), "--latest", "--out", tmp.resolve("out").toString());
        assertEquals(4, tampered.exit(), tampered.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void options_that_mean_nothing_for_a_repository_are_refused_by_name() throws Exception {
        Path in = tree();
        MemosProcess.Result r = memos().run("backup", "--input", in.toString(), "--repo", tmp.resolve("repo").toString(), "--force");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--force"), r.err());
        MemosProcess.Result both = memos().run("restore", "--repo", tmp.resolve("repo").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--latest") && both.err().contains("--snapshot"), both.err());
        MemosProcess.Result noRepo = memos().run("snapshots", "--repo", tmp.resolve("nope").toString());
        assertEquals(2, noRepo.exit(), noRepo.err());
    }
}
