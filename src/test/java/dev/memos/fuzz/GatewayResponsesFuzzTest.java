package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.Discovery;
import dev.memos.arweave.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hostile or broken gateway: every HTTP answer (status and body) is fuzzed and served by a real
 * HTTP server, so the whole client path (HttpArweaveGateway → JSON → Discovery) is exercised.
 */
class GatewayResponsesFuzzTest {
    private static volatile int status = 200;
    private static volatile byte[] body = new byte[0];
    private static final HttpServer SERVER = start();
    private static final ArweaveGateway GATEWAY = ArweaveGateway.builder()
            .base(URI.create("http://127.0.0.1:" + SERVER.getAddress().getPort())).timeout(Duration.ofSeconds(5)).build();
    private static final Discovery DISCOVERY = new Discovery(GATEWAY, new Retry(1, Duration.ofMillis(1)));
    private static final String ID = "A".repeat(43);

    private static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                byte[] b = body;
                ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(FuzzedDataProvider data) {
        // The only host this test talks to is its own server; Jazzer's SSRF detector flags any other.
        // (Set per input: Jazzer resets the permission when a fuzz test starts.)
        BugDetectors.allowNetworkConnections((host, port) -> port == SERVER.getAddress().getPort());
        status = data.pickValue(new int[] {200, 200, 200, 202, 204, 301, 400, 404, 410, 429, 500, 503});
        body = data.consumeRemainingAsBytes();
    }

    /** The 200-with-a-JSON-error sniffer sees every body a gateway serves as data: it must never throw. */
    @FuzzTest(maxDuration = "30s")
    void gateway_error_bodies_classify_without_throwing(byte[] answer) {
        Fuzz.cleanly(() -> dev.memos.arweave.GatewayErrorBody.isError(answer));
    }

    @FuzzTest(maxDuration = "30s")
    void graphql_responses_list_or_fail_cleanly(FuzzedDataProvider data) {
        serve(data);
        Fuzz.cleanly(() -> DISCOVERY.find(List.of("owner"), Map.of("App-Name", "MemOS")));
    }

    @FuzzTest(maxDuration = "30s")
    void transaction_and_status_answers_parse_or_fail_cleanly(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        serve(data);
        // L1Transaction.fromJson documents IllegalArgumentException; the gateway itself must throw MemosException
        Fuzz.cleanly(IllegalArgumentException.class, () -> {
            switch (which) {
                case 0 -> GATEWAY.transaction(ID).map(dev.memos.arweave.L1Transaction::fromJson);
                case 1 -> GATEWAY.status(ID);
                case 2 -> GATEWAY.price(1000);
                default -> {
                    Optional<InputStream> in = GATEWAY.data(ID);
                    if (in.isPresent()) {
                        try (InputStream s = in.get()) {
                            s.readAllBytes();
                        }
                    }
                }
            }
        });
    }

    /** A lying gateway can make a download's data_root check or list's ranged manifest read fail, never crash or pass. */
    @FuzzTest(maxDuration = "30s")
    void header_and_ranged_answers_verify_or_fail_cleanly(FuzzedDataProvider data) {
        boolean ranged = data.consumeBoolean();
        long size = data.consumeLong(0, 1L << 20);
        serve(data);
        Fuzz.cleanly(() -> {
            if (ranged) {
                try (dev.memos.backup.BundleKeys keys = dev.memos.backup.BundleKeys.derive(dev.memos.crypto.EthPrivateKey.parse("61".repeat(32)))) {
                    dev.memos.backup.BundleReader.readManifest(new dev.memos.app.backup.RemoteBundle(List.of(GATEWAY), Retry.NONE, ID, size), keys);
                }
                throw new AssertionError("fuzzed bytes verified as a bundle of the test key");
            }
            dev.memos.arweave.TxDataRoot.lookup(List.of(GATEWAY), Retry.NONE, ID).ifPresent(r -> {
                throw new AssertionError("a fuzzed header verified for " + ID);
            });
        });
    }
}
