package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** arlocal answers 200 with {"status":400,"error":…} for an unknown path: that is "not here", never data. */
class GatewayErrorBodyTest {
    private static final String ARLOCAL_ANSWER = "{\n  \"status\": 400,\n  \"error\": \"Request type not found.\"\n}";
    private HttpServer server;

    private ArweaveGateway serving(byte[] body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return ArweaveGateway.builder().base(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void arlocal_error_object_with_status_200_is_not_found() throws Exception {
        ArweaveGateway g = serving(ARLOCAL_ANSWER.getBytes(StandardCharsets.UTF_8));
        assertTrue(g.data("A".repeat(43)).isEmpty());
        assertTrue(g.dataRange("A".repeat(43), 0, 99).isEmpty());
    }

    @Test
    void data_that_merely_looks_like_json_is_still_served_whole() throws Exception {
        byte[] big = ("{\"status\":404,\"error\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        ArweaveGateway g = serving(big);
        Optional<InputStream> in = g.data("A".repeat(43));
        assertTrue(in.isPresent(), "a body over 4 KiB is data, whatever it says");
        try (InputStream s = in.get()) {
            assertArrayEquals(big, s.readAllBytes());
        }
    }

    @Test
    void classifies_only_narrow_error_objects() {
        assertTrue(GatewayErrorBody.isError(ARLOCAL_ANSWER.getBytes(StandardCharsets.UTF_8)));
        assertTrue(GatewayErrorBody.isError("{\"status\":404,\"error\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GatewayErrorBody.isError("{\"status\":200,\"error\":\"none\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GatewayErrorBody.isError("{\"status\":404,\"error\":\"x\",\"notes\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GatewayErrorBody.isError("{\"error\":\"no status\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GatewayErrorBody.isError("{\"status\":404,\"error\":".getBytes(StandardCharsets.UTF_8)));
        assertFalse(GatewayErrorBody.isError(new byte[] {'M', 'E', 'M', 'O', 'S', 0, 1, 2}));
        assertFalse(GatewayErrorBody.isError(new byte[0]));
    }
}
