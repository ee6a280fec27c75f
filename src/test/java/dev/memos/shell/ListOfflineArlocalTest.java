package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.arweave.Devnet;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list --offline shows what the home's records and the list cache know, with the network unreachable. */
@org.junit.jupiter.api.Tag("arlocal")
class ListOfflineArlocalTest {
    @TempDir
    Path dir;

    private CliHarness home(String name, String key) {
        CliHarness cli = new CliHarness(dir.resolve(name)).with("ETH_PRIVATE_KEY", key);
        assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        return cli;
    }

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private static List<Long> sequences(CliHarness.Run r) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode row : r.result().path("backups")) {
            seqs.add(row.path("sequence").asLong());
            assertTrue(row.path("tx_id").asText().matches("[A-Za-z0-9_-]{43}"), row.toString());
        }
        return seqs;
    }

    @Test
    void offline_list_works_with_the_network_on_a_closed_port() throws Exception {
        String key = HexFormat.of().formatHex(Devnet.freshKey(0x47).secret().reveal());
        Path tree = Files.createDirectories(dir.resolve("tree"));
        CliHarness a = home("a", key);
        Files.writeString(tree.resolve("m.txt"), "one");
        assertEquals(0, a.run("backup", "--format", "bundle", "--input", tree.toString()).exit());
        Files.writeString(tree.resolve("m.txt"), "two");
        assertEquals(0, a.run("backup", "--format", "bundle", "--input", tree.toString()).exit());
        CliHarness b = home("b", key);
        CliHarness.Run learn = b.run("list");
        assertEquals(0, learn.exit(), "b learns the sequences online once: " + learn.err());

        String closed = closedPort();
        for (CliHarness cli : List.of(a, b)) {
            assertEquals(0, cli.run("config", "set", "local.node", closed).exit());
            CliHarness.Run online = cli.run("list");
            assertEquals(ExitCodes.NETWORK, online.exit(), "the network really is unreachable: " + online.err());
            CliHarness.Run r = cli.run("--json", "list", "--offline");
            assertEquals(0, r.exit(), r.err());
            assertEquals(List.of(2L, 1L), sequences(r));
            CliHarness.Run text = cli.run("list", "--offline");
            assertEquals(0, text.exit(), text.err());
            assertTrue(text.out().contains("offline:"), text.out());
        }
    }

    @Test
    void offline_list_of_a_fresh_home_is_empty_not_an_error() throws Exception {
        CliHarness c = home("fresh", "0x" + "62".repeat(32));
        assertEquals(0, c.run("config", "set", "local.node", closedPort()).exit());
        CliHarness.Run r = c.run("list", "--offline");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("this home knows no backups"), r.out());
    }
}
