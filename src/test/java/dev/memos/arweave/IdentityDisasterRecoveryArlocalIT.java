package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §1 on arlocal: the identity comes back from the network with the key alone. The identity
 * archive rides in the snapshot that `backup` uploads (FORMAT.md §14.10, §14.11).
 */
@org.junit.jupiter.api.Tag("arlocal")
class IdentityDisasterRecoveryArlocalIT {
    @TempDir
    Path dir;

    @Test
    void identity_comes_back_from_arweave_with_the_key_alone() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x12;
        Path home = dir.resolve("home");
        MemosProcess memos = new MemosProcess(home, Hex.encode(k));
        memos.useDevnet();
        assertEquals(0, memos.run("id", "generate", "--name", "net").exit());
        assertEquals(0, memos.run("mem", "add", "remember the network").exit());
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.md"), "a\n");
        MemosProcess.Run b = memos.run("backup", "--input", tree.toString());
        assertEquals(0, b.exit(), b.err());
        DisasterRecoveryIT.deleteTree(home);
        memos.useDevnet();
        MemosProcess.Run r = memos.run("restore", "--latest", "--identities", "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0, memos.run("id", "verify").exit());
        MemosProcess.Run show = memos.run("mem", "show");
        assertTrue(show.out().contains("remember the network"), show.out());
        assertEquals(0, memos.run("audit", "verify").exit());
    }
}
