package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.arweave.Devnet;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup and upload print where the data is (gateway URL) and what it cost, in text and JSON, as the seed's upload does. */
@org.junit.jupiter.api.Tag("arlocal")
class UploadOutputArlocalTest {
    @TempDir
    Path dir;

    private CliHarness cli() {
        String key = HexFormat.of().formatHex(Devnet.freshKey(0x31).secret().reveal());
        CliHarness cli = new CliHarness(dir.resolve("home")).with("ETH_PRIVATE_KEY", key);
        if (!Devnet.url().toString().equals("http://127.0.0.1:1984")) {
            assertEquals(0, cli.run("config", "set", "local.node", Devnet.url().toString()).exit());
        }
        return cli;
    }

    private static void assertCost(JsonNode result, String id) {
        assertEquals(Devnet.url().toString().replaceAll("/$", "") + "/" + id, result.path("arweave_url").asText());
        String winston = result.path("estimated_cost_winston").asText();
        assertTrue(winston.matches("[1-9]\\d*"), result.toString());
        assertEquals(0, new BigDecimal(winston).movePointLeft(12).compareTo(new BigDecimal(result.path("estimated_cost_ar").asText())),
                result.toString());
    }

    @Test
    void backup_and_upload_show_gateway_url_and_cost_in_json_and_text() throws Exception {
        CliHarness cli = cli();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.md"), "alpha");
        CliHarness.Run backup = cli.run("--json", "backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, backup.exit(), backup.err());
        assertCost(backup.result(), backup.result().path("tx_id").asText());

        Files.writeString(tree.resolve("a.md"), "beta");
        CliHarness.Run text = cli.run("backup", "--format", "bundle", "--input", tree.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains(Devnet.url().toString().replaceAll("/$", "") + "/"), text.out());
        assertTrue(text.out().matches("(?s).*cost: [0-9.]+ AR \\(\\d+ winston\\).*"), text.out());

        Path bundle = dir.resolve("m.bundle");
        Path manifest = dir.resolve("m.manifest.json");
        Files.writeString(tree.resolve("a.md"), "gamma");
        assertEquals(0, cli.run("pack", "--input", tree.toString(), "--out", bundle.toString(), "--manifest", manifest.toString()).exit());
        CliHarness.Run up = cli.run("--json", "upload", "--bundle", bundle.toString(), "--manifest", manifest.toString());
        assertEquals(0, up.exit(), up.err());
        assertCost(up.result(), up.result().path("tx_id").asText());
    }
}
