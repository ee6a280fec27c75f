package dev.memos.arweave;

import dev.memos.app.backup.BundleRestores;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.memos.config.MemosHome;
import dev.memos.config.Profile;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by FaultMatrixTest (RESTORE_LATEST_DATA × every persistent fault): when the listing works but
 * no gateway delivers any candidate, restore --latest said INTEGRITY ("none of the candidates
 * verified", exit 4): the user is told the backup is bad when the network is. It must be NETWORK (exit 5).
 */
class RestoreLatestNetworkTest {
    static final String ID = "kqF4iDcQWnVakQ3wmnxLlkmHBWBtniPwmO6RTAR7dd8";

    @TempDir
    Path dir;
    HttpServer server;

    @BeforeEach
    void gatewayThatListsButNeverDelivers() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean graphql = ex.getRequestURI().getPath().equals("/graphql");
            byte[] body = (graphql ? "{\"data\":{\"transactions\":{\"pageInfo\":{\"hasNextPage\":false},\"edges\":[{\"cursor\":\"c\","
                    + "\"node\":{\"id\":\"" + ID + "\",\"owner\":{\"key\":\"k\"},\"data\":{\"size\":\"6032\"},\"block\":null,"
                    + "\"tags\":[{\"name\":\"App-Name\",\"value\":\"MemOS\"}]}}]}}}" : "Service Unavailable").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(graphql ? 200 : 503, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void restore_latest_whose_gateways_fail_every_download_is_network_not_integrity() throws Exception {
        EthPrivateKey key = EthPrivateKey.parse("55".repeat(32));
        MemosHome home = MemosHome.at(dir.resolve("home")).ensure();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("precious.txt"), "keep me");
        Network net = new Network(Profile.local(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
                new Retry(2, Duration.ofMillis(5)));
        MemosException e = assertThrows(MemosException.class,
                () -> BundleRestores.builder().home(home).key(key).network(net).owners(List.of("owner")).txIdsFile(dir.resolve("txids")).build().restoreLatest(out, true, false));
        assertEquals(ErrorKind.NETWORK, e.kind(), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("precious.txt")));
    }
}
