package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.memos.config.ConfigKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turbo endpoints follow the payment network: base-sepolia goes to Turbo's development services,
 * base and credits to production; both pairs are config keys. A local stub stands in for all of them
 * and records which prefix each request used.
 */
class TurboEndpointsTest {
    @TempDir
    Path dir;
    HttpServer stub;
    final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    private String at(String prefix) {
        return "http://127.0.0.1:" + stub.getAddress().getPort() + prefix;
    }

    private CliHarness mainnetHome() throws IOException {
        CliHarness cli = new CliHarness(dir.resolve("home")).with("ETH_PRIVATE_KEY", "0x" + "61".repeat(32));
        String[][] keys = {{"gateways", at("/gw")}, {"turbo.upload-url", at("/prod-upload/")}, {"turbo.payment-url", at("/prod-pay")},
            {"turbo.test.upload-url", at("/dev-upload")}, {"turbo.test.payment-url", at("/dev-pay")}};
        for (String[] kv : keys) {
            assertEquals(0, cli.run("config", "set", kv[0], kv[1]).exit(), kv[0]);
        }
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.md"), "alpha");
        assertEquals(0, cli.run("pack", "--input", tree.toString(), "--out", dir.resolve("m.bundle").toString(),
                "--manifest", dir.resolve("m.json").toString()).exit());
        return cli;
    }

    private CliHarness.Run upload(CliHarness cli, String... extra) {
        List<String> argv = new java.util.ArrayList<>(List.of("--profile", "mainnet", "upload", "--bundle", dir.resolve("m.bundle").toString(),
                "--manifest", dir.resolve("m.json").toString()));
        argv.addAll(List.of(extra));
        return cli.run(argv.toArray(String[]::new));
    }

    @Test
    void x402_on_base_sepolia_goes_to_turbo_development_endpoints_not_production() throws IOException {
        CliHarness.Run r = upload(mainnetHome(), "--x402", "--x402-network", "base-sepolia");
        assertTrue(r.exit() != 0, "the stub answers 404");
        assertFalse(paths.isEmpty(), r.err());
        assertTrue(paths.stream().allMatch(p -> p.startsWith("/dev-")), paths.toString());
    }

    @Test
    void x402_on_base_and_credits_go_to_the_production_endpoints() throws IOException {
        CliHarness cli = mainnetHome();
        upload(cli, "--x402", "--x402-network", "base");
        upload(cli, "--turbo");
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/prod-upload/v1/tx/base-usdc")), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/prod-upload/v1/tx/ethereum")), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("/dev-") || p.contains("//")), paths.toString());
    }

    @Test
    void defaults_are_turbo_documented_production_and_development_services() {
        assertEquals("https://upload.ardrive.io", ConfigKey.TURBO_UPLOAD.defaultValue());
        assertEquals("https://payment.ardrive.io", ConfigKey.TURBO_PAYMENT.defaultValue());
        assertEquals("https://upload.ardrive.dev", ConfigKey.TURBO_TEST_UPLOAD.defaultValue());
        assertEquals("https://payment.ardrive.dev", ConfigKey.TURBO_TEST_PAYMENT.defaultValue());
        CliHarness.Run bad = new CliHarness(dir.resolve("h2")).run("config", "set", "turbo.test.upload-url", "ftp://nope");
        assertEquals(ExitCodes.USAGE, bad.exit());
    }
}
