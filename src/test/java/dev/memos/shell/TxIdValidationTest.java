package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tx id that is not 43 base64url characters is a usage error before any request; a gateway that
 * answers 200 with a JSON error (as arlocal does) means "not found", never "not a memos bundle".
 */
class TxIdValidationTest {
    private static final String KEY = "0x" + "61".repeat(32);
    @TempDir
    Path tmp;
    HttpServer node;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void arlocalLikeNode() throws Exception {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", ex -> {
            requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] b = "{\n  \"status\": 400,\n  \"error\": \"Request type not found.\"\n}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        node.start();
    }

    @AfterEach
    void stop() {
        node.stop(0);
    }

    private CliHarness cli() {
        CliHarness cli = new CliHarness(tmp.resolve("home")).with("ETH_PRIVATE_KEY", KEY);
        assertEquals(0, cli.run("config", "set", "local.node", "http://127.0.0.1:" + node.getAddress().getPort()).exit());
        return cli;
    }

    @Test
    void restore_with_a_malformed_tx_id_is_a_usage_error_before_any_request() {
        CliHarness cli = cli();
        for (String bad : new String[] {"garbage", "A".repeat(42), "A".repeat(44), "../" + "A".repeat(40), "A".repeat(42) + "="}) {
            CliHarness.Run r = cli.run("restore", "--tx-id", bad, "--out", tmp.resolve("out").toString());
            assertEquals(ExitCodes.USAGE, r.exit(), bad + ": " + r.err());
            assertTrue(r.err().contains("--tx-id must be a 43-character base64url"), r.err());
        }
        assertEquals(0, requests.get(), "no request may leave for a malformed id");
        assertTrue(Files.notExists(tmp.resolve("out")));
    }

    @Test
    void download_with_a_malformed_tx_id_is_a_usage_error_before_any_request() {
        CliHarness.Run r = cli().run("download", "--tx-id", "garbage", "--out", tmp.resolve("f").toString(), "--unverified");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        r = cli().run("download", "--tx-id", "garbage", "--status-only");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals(0, requests.get());
    }

    @Test
    void a_gateway_json_error_answered_with_200_is_not_found_not_a_damaged_bundle() {
        CliHarness.Run r = cli().run("restore", "--tx-id", "A".repeat(43), "--out", tmp.resolve("out").toString());
        assertTrue(r.exit() != 0, r.err());
        assertTrue(!r.err().contains("not a memos bundle") && !r.err().contains("76-byte"), r.err());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("not found"), r.err());
        assertTrue(Files.notExists(tmp.resolve("out")));
    }
}
