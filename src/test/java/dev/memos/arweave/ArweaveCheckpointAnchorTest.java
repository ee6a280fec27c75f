package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.memos.audit.Checkpoint;
import dev.memos.audit.Merkle;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SignatureAlgorithm;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Arweave anchor against a fake gateway, through arweave's own client (Discovery, gateway data): tags, GraphQL paging, and junk or forged items ignored. */
class ArweaveCheckpointAnchorTest {
    private HttpServer server;
    private final Map<String, byte[]> items = new LinkedHashMap<>();
    private final List<String> queries = new java.util.ArrayList<>();
    private Ed25519 key;
    private Ed25519 other;

    private static String id(int n) {
        return String.format("%043d", n);
    }

    @BeforeEach
    void gateway() throws Exception {
        key = Ed25519.generate();
        other = Ed25519.generate();
        items.put(id(1), Checkpoint.sign("home", 5, Merkle.emptyRoot(), 1, key).toBytes());
        items.put(id(2), "not a checkpoint".getBytes(StandardCharsets.UTF_8));
        items.put(id(3), Checkpoint.sign("home", 100, Merkle.emptyRoot(), 2, other).toBytes()); // forged: another key
        items.put(id(4), Checkpoint.sign("home", 9, Merkle.emptyRoot(), 3, key).toBytes());
        items.put(id(5), Checkpoint.sign("agent", 50, Merkle.emptyRoot(), 4, key).toBytes()); // another log
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/graphql", ex -> {
            String q = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            queries.add(q);
            boolean second = q.contains("\"after\":");
            List<String> ids = second ? List.of(id(4), id(5)) : List.of(id(1), id(2), id(3));
            StringBuilder edges = new StringBuilder();
            for (String i : ids) {
                edges.append(edges.length() == 0 ? "" : ",").append("{\"cursor\":\"c").append(i).append("\",\"node\":{\"id\":\"").append(i).append("\"}}");
            }
            byte[] body = ("{\"data\":{\"transactions\":{\"pageInfo\":{\"hasNextPage\":" + !second + "},\"edges\":[" + edges + "]}}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/", ex -> {
            byte[] body = items.get(ex.getRequestURI().getPath().substring(1));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        key.close();
        other.close();
    }

    private ArweaveCheckpointAnchor anchor(ArweaveCheckpointAnchor.Uploader uploader) {
        ArweaveGateway gateway = ArweaveGateway.builder().base(uri()).build();
        return new ArweaveCheckpointAnchor(new Discovery(gateway, Retry.NONE), gateway, uploader);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void finds_the_largest_checkpoint_signed_by_the_key_across_pages() {
        ArweaveCheckpointAnchor anchor = anchor((data, tags) -> "x");
        Optional<Checkpoint> got = anchor.fetchLatest("home", SignatureAlgorithm.ED25519, key.publicKey());
        assertEquals(9, got.orElseThrow().size());
        assertEquals(2, queries.size());
        assertTrue(queries.get(0).contains(ArweaveCheckpointAnchor.keyTag(key.publicKey())));
    }

    @Test
    void ignores_checkpoints_forged_with_another_key() {
        ArweaveCheckpointAnchor anchor = anchor((data, tags) -> "x");
        assertEquals(100, anchor.fetchLatest("home", SignatureAlgorithm.ED25519, other.publicKey()).orElseThrow().size());
        assertTrue(anchor.fetchLatest("nobody", SignatureAlgorithm.ED25519, key.publicKey()).isEmpty());
    }

    @Test
    void publishes_the_canonical_bytes_with_searchable_tags() {
        Map<String, String> seen = new LinkedHashMap<>();
        byte[][] data = new byte[1][];
        ArweaveCheckpointAnchor anchor = anchor((d, tags) -> {
            data[0] = d;
            seen.putAll(tags);
            return "abc";
        });
        Checkpoint cp = Checkpoint.sign("home", 3, Merkle.emptyRoot(), 7, key);
        assertEquals("ar:abc", anchor.publish(cp));
        assertEquals(cp, Checkpoint.parse(data[0]));
        assertEquals("audit-checkpoint", seen.get("Memos-Type"));
        assertEquals("home", seen.get("Memos-Log"));
        assertEquals("3", seen.get("Memos-Size"));
    }
}
