package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Found by GatewayResponsesFuzzTest: the body of a rejected POST was echoed into the error, so a
 * hostile gateway could break the one-line error with newlines or send terminal escape sequences.
 */
class GatewayErrorLineTest {
    HttpServer server;

    @BeforeEach
    void hostileGateway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "nope\nFAKE: memos says all good\u001b[2J\u009b31m".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(400, body.length);
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
    void rejects_post_answer_with_newline_and_escapes_without_breaking_the_error_line() {
        ArweaveGateway g = ArweaveGateway.builder().base(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
        MemosException e = assertThrows(MemosException.class, () -> g.graphql("{x}", Json.mapper().createObjectNode()));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b") || e.getMessage().contains("\u009b"), e.getMessage());
        assertTrue(e.getMessage().contains("answered 400"), e.getMessage());
    }
}
