package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.fault.FaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the jar: a gateway that keeps sending wrong bytes ends in exit 5 and no output file, never exit 0. */
@org.junit.jupiter.api.Tag("arlocal")
class FaultExitCodeIT {
    @TempDir
    Path dir;

    @Test
    void persistent_corruption_exits_5_and_transient_corruption_exits_0() throws Exception {
        MemosProcess memos = new MemosProcess(dir.resolve("home"), "66".repeat(32));
        memos.useDevnet();
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        Files.writeString(tree.resolve("m.txt"), "remember this");
        MemosProcess.Run b = memos.run("--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, b.exit(), b.err());
        String id = dev.memos.encoding.Json.mapper().readTree(b.out()).path("result").path("tx_id").asText();
        Path manifest = Files.list(dir.resolve("home/backups")).findFirst().orElseThrow();
        try (FaultProxy proxy = new FaultProxy(Devnet.url())) {
            assertEquals(0, memos.run("config", "set", "gateways", proxy.uri().toString()).exit());
            proxy.always("^GET /" + id + "$", FaultProxy.Fault.CORRUPT);
            Path out = dir.resolve("out.bundle");
            MemosProcess.Run bad = memos.run("download", "--tx-id", id, "--out", out.toString(), "--manifest", manifest.toString());
            assertEquals(5, bad.exit(), bad.out() + bad.err());
            assertFalse(Files.exists(out));
            proxy.once("^GET /" + id + "$", FaultProxy.Fault.TRUNCATE);
            proxy.always("^GET /" + id + "$", FaultProxy.Fault.NONE);
            proxy.once("^GET /" + id + "$", FaultProxy.Fault.TRUNCATE);
            MemosProcess.Run good = memos.run("download", "--tx-id", id, "--out", out.toString(), "--manifest", manifest.toString());
            assertEquals(0, good.exit(), good.err());
            assertTrue(good.out().contains("SHA-256 verified"));
        }
    }
}
