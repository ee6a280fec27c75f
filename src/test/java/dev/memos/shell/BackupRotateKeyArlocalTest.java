package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.memos.arweave.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup rotate-key} on the devnet (FORMAT.md §14.12): the handover is uploaded by the new
 * key with its tag, and a fresh home holding only the new key discovers it through GraphQL, finds
 * the old key's snapshot and packs under the old owner and restores them. (That the new key's next
 * backup continues the chain is the same code on every repository: BackupRotateKeyTest, --repo.)
 */
@org.junit.jupiter.api.Tag("arlocal")
class BackupRotateKeyArlocalTest {
    @TempDir
    Path dir;

    CliHarness home(String name, String key) {
        return CliHarness.onDevnet(dir.resolve(name), key);
    }

    @Test
    void fresh_home_with_only_the_new_key_finds_the_handover_and_restores_the_old_history() throws Exception {
        String oldKey = HexFormat.of().formatHex(Devnet.freshKey(0x26).secret().reveal());
        String newKey = HexFormat.of().formatHex(Devnet.freshKey(0x27).secret().reveal());
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("m.txt"), "before the rotation");
        CliHarness a = home("home-a", oldKey);
        assertEquals(0, a.run("backup", "--input", tree.toString()).exit());
        CliHarness.Run rot = a.with("MEMOS_NEW_ETH_PRIVATE_KEY", newKey).run("--json", "backup", "rotate-key");
        assertEquals(0, rot.exit(), rot.out() + rot.err());
        assertEquals(1, rot.result().get("sequence").asLong());

        CliHarness b = home("home-b", newKey);
        CliHarness.Run r = b.run("restore", "--latest", "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("before the rotation", Files.readString(dir.resolve("out/m.txt")));
        CliHarness.Run list = b.run("--json", "snapshots");
        assertEquals(0, list.exit(), list.err());
        assertEquals(1, list.result().get("snapshots").size(), list.out());
    }
}
