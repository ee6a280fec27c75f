package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local pack is not part of the network chain (issue 18 §5, FORMAT.md §5): after backup 1 a pack
 * (2, never uploaded) must not make restore --latest refuse backup 1, the next backup is 2, a pack
 * the chain has already reached is refused by upload (it would fork the chain on the network), and
 * a fresh pack uploaded joins the chain.
 */
@Tag("arlocal")
class LocalPackChainIT {
    @TempDir
    Path dir;

    private static JsonNode result(MemosProcess.Run r) throws Exception {
        return Json.mapper().readTree(r.out()).path("result");
    }

    @Test
    void local_pack_does_not_block_restoring_the_newest_backup_nor_skip_a_sequence() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x31;
        MemosProcess memos = new MemosProcess(dir.resolve("home"), Hex.encode(k));
        memos.useDevnet();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.md"), "one\n");

        MemosProcess.Run b1 = memos.run("--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, b1.exit(), b1.err());
        assertEquals(1, result(b1).path("sequence").asInt());

        Path stale = dir.resolve("stale.bundle");
        Path staleManifest = dir.resolve("stale.json");
        MemosProcess.Run pack = memos.run("--json", "pack", "--input", tree.toString(), "--out", stale.toString(),
                "--manifest", staleManifest.toString());
        assertEquals(0, pack.exit(), pack.err());
        assertEquals(2, result(pack).path("sequence").asInt());

        MemosProcess.Run restore = memos.run("restore", "--latest", "--out", dir.resolve("r1").toString());
        assertEquals(0, restore.exit(), "a local pack must not make backup 1 a rollback: " + restore.err());
        assertEquals("one\n", Files.readString(dir.resolve("r1/a.md")));

        Files.writeString(tree.resolve("a.md"), "two\n");
        MemosProcess.Run b2 = memos.run("--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, b2.exit(), b2.err());
        assertEquals(2, result(b2).path("sequence").asInt(), "the next backup follows the network chain");

        MemosProcess.Run forked = memos.run("upload", "--bundle", stale.toString(), "--manifest", staleManifest.toString());
        assertEquals(4, forked.exit(), forked.out() + forked.err());
        assertTrue(forked.err().contains("fork") && forked.err().contains("nothing was uploaded"), forked.err());

        Files.writeString(tree.resolve("a.md"), "three\n");
        Path fresh = dir.resolve("fresh.bundle");
        Path freshManifest = dir.resolve("fresh.json");
        MemosProcess.Run pack3 = memos.run("--json", "pack", "--input", tree.toString(), "--out", fresh.toString(),
                "--manifest", freshManifest.toString());
        assertEquals(3, result(pack3).path("sequence").asInt());
        MemosProcess.Run up = memos.run("upload", "--bundle", fresh.toString(), "--manifest", freshManifest.toString());
        assertEquals(0, up.exit(), up.err());
        MemosProcess.Run b4 = memos.run("--json", "backup", "--format", "bundle", "--input", tree.toString(), "--force");
        assertEquals(0, b4.exit(), b4.err());
        assertEquals(4, result(b4).path("sequence").asInt(), "an uploaded pack joins the chain");
        MemosProcess.Run latest = memos.run("restore", "--latest", "--out", dir.resolve("r2").toString());
        assertEquals(0, latest.exit(), latest.err());
        assertEquals("three\n", Files.readString(dir.resolve("r2/a.md")));
    }
}
