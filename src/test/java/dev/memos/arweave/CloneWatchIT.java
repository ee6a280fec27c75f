package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §2 on arlocal through the packaged jar: a home cloned with {@code cp -a}, both copies
 * write, each publishes its chain head, and the next check on either side finds the fork, quarantines
 * (exit 10) and leaves a proof that checks with no secret; {@code id resolve-fork} still works.
 */
@org.junit.jupiter.api.Tag("arlocal")
class CloneWatchIT {
    @TempDir
    Path dir;

    private static void write(MemosProcess m, String who) throws Exception {
        String big = (who + " lives its own life today. ").repeat(8);
        for (int i = 0; i < 2; i++) {
            MemosProcess.Run r = m.run("mem", "add", big + i, "--kind", "event");
            assertEquals(0, r.exit(), r.err());
        }
    }

    @Test
    void cloned_home_both_write_next_check_on_either_side_quarantines_with_exit_10() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x12;
        Path a = dir.resolve("a");
        MemosProcess ma = new MemosProcess(a, Hex.encode(k));
        ma.useDevnet();
        assertEquals(0, ma.run("id", "generate", "--name", "NOVA").exit());
        String id = ma.run("id", "list").out().strip().split("\\s+")[0];
        assertEquals(0, ma.run("config", "set", "rings.ring0-bytes", "512").exit());
        MemosProcess.Run first = ma.run("id", "watch");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("published head"), first.out());

        Path b = dir.resolve("b");
        Process cp = new ProcessBuilder("cp", "-a", a.toString(), b.toString()).inheritIO().start();
        assertTrue(cp.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, cp.exitValue());
        MemosProcess mb = new MemosProcess(b, Hex.encode(k));

        write(ma, "A");
        write(mb, "B");
        MemosProcess.Run onA = ma.run("id", "watch");
        assertEquals(0, onA.exit(), onA.out() + onA.err());
        MemosProcess.Run onB = mb.run("id", "watch");
        assertEquals(10, onB.exit(), onB.out() + onB.err());
        assertTrue(onB.err().contains("cloned") && onB.err().contains("quarantined"), onB.err());
        MemosProcess.Run againA = ma.run("--json", "id", "watch");
        assertEquals(10, againA.exit(), againA.out() + againA.err());
        assertTrue(againA.out().contains("fork_detected"), againA.out());

        for (Path home : new Path[] {a, b}) {
            Path proof = home.resolve("identities").resolve(id).resolve("rings").resolve("fork-proof.json");
            assertTrue(Files.exists(proof));
            MemosProcess.Run check = ma.run("id", "check-fork", proof.toString());
            assertEquals(0, check.exit(), check.out() + check.err());
            assertTrue(check.out().contains("fork proven"), check.out());
        }
        MemosProcess.Run refused = ma.run("mem", "add", "business as usual");
        assertTrue(refused.exit() != 0 && refused.err().contains("quarantined"), refused.err());

        MemosProcess.Run resolved = ma.run("id", "resolve-fork", "--note", "A is the genuine copy; B destroyed", "--confirm");
        assertEquals(0, resolved.exit(), resolved.out() + resolved.err());
        MemosProcess.Run calm = ma.run("id", "watch");
        assertEquals(0, calm.exit(), calm.out() + calm.err());
        assertFalse(Files.exists(a.resolve("identities").resolve(id).resolve("rings").resolve("fork-proof.json")));
        assertEquals(0, ma.run("mem", "add", "back to work").exit());

        MemosProcess.Run help = ma.run("help", "exit-codes");
        assertTrue(help.out().contains("10") && help.out().contains("fork"), help.out());
    }
}
