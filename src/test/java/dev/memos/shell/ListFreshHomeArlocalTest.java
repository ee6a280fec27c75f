package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.arweave.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Back up twice from home A; 'list' from a fresh home B with the same key shows sequences 1 and 2, not "?". */
@org.junit.jupiter.api.Tag("arlocal")
class ListFreshHomeArlocalTest {
    @TempDir
    Path dir;

    CliHarness home(String name, String key) {
        CliHarness cli = new CliHarness(dir.resolve(name)).with("ETH_PRIVATE_KEY", key);
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        }
        return cli;
    }

    @Test
    void fresh_home_lists_sequences_learned_from_the_sealed_manifests() throws Exception {
        String key = HexFormat.of().formatHex(Devnet.freshKey(0x25).secret().reveal());
        Path tree = Files.createDirectories(dir.resolve("tree"));
        CliHarness a = home("home-a", key);
        Files.writeString(tree.resolve("m.txt"), "first");
        assertEquals(0, a.run("backup", "--input", tree.toString()).exit());
        Files.writeString(tree.resolve("m.txt"), "second");
        assertEquals(0, a.run("backup", "--input", tree.toString()).exit());
        CliHarness b = home("home-b", key);
        CliHarness.Run r = b.run("--json", "list");
        assertEquals(0, r.exit(), r.err());
        List<Long> seqs = new ArrayList<>();
        for (JsonNode row : r.result().path("backups")) {
            assertEquals("verified", row.path("verification").asText());
            seqs.add(row.path("sequence").asLong());
        }
        assertEquals(List.of(1L, 2L), seqs.stream().sorted().toList());
        CliHarness.Run text = b.run("list");
        assertEquals(0, text.exit(), text.err());
        assertFalse(text.out().lines().skip(1).anyMatch(l -> l.startsWith("?")), text.out());
        assertTrue(text.out().lines().skip(1).anyMatch(l -> l.startsWith("2 ")), text.out());
    }
}
