package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CheckpointAnchor} on Arweave (FORMAT.md §12.9). Publishing goes through an {@link Uploader}
 * (the Arweave client signs and posts a tagged data item); finding reads the gateway's GraphQL and data
 * endpoints over plain HTTP, so verification needs no wallet. The CLI's uploader signs a data item with
 * the ETH key and sends it the way backups go (an L1 bundle transaction on the local devnet, Turbo on
 * mainnet); {@link FileCheckpointAnchor} remains for {@code audit.anchor-dir}.
 */
public final class ArweaveCheckpointAnchor implements CheckpointAnchor {
    static final int PAGE = 100;
    static final int MAX_CANDIDATES = 2_000;
    private static final int MAX_CHECKPOINT_BYTES = 4096;
    private static final int MAX_GRAPHQL_BYTES = 4 * 1024 * 1024;

    /** Signs and uploads {@code data} with {@code tags} as one data item; returns its id. */
    @FunctionalInterface
    public interface Uploader {
        String upload(byte[] data, Map<String, String> tags);
    }

    private final URI gateway;
    private final Uploader uploader;
    private final HttpClient http;

    public ArweaveCheckpointAnchor(URI gateway, Uploader uploader) {
        this(gateway, uploader, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    ArweaveCheckpointAnchor(URI gateway, Uploader uploader, HttpClient http) {
        this.gateway = gateway;
        this.uploader = uploader;
        this.http = http;
    }

    /** The tags of a published checkpoint: what {@link #fetchLatest} searches for. */
    public static Map<String, String> tags(Checkpoint cp) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("App-Name", "memos");
        t.put("Content-Type", "application/json");
        t.put("Memos-Type", "audit-checkpoint");
        t.put("Memos-Log", cp.log());
        t.put("Memos-Key", keyTag(cp.publicKey()));
        t.put("Memos-Size", Long.toString(cp.size()));
        return t;
    }

    static String keyTag(byte[] publicKey) {
        return Base64Url.encode(Hash.sha256().digest(publicKey));
    }

    @Override
    public String publish(Checkpoint checkpoint) {
        return "ar:" + uploader.upload(checkpoint.toBytes(), tags(checkpoint));
    }

    @Override
    public Optional<Checkpoint> fetchLatest(String logId, SignatureAlgorithm algorithm, byte[] publicKey) {
        List<byte[]> candidates = new ArrayList<>();
        String cursor = null;
        while (candidates.size() < MAX_CANDIDATES) {
            JsonNode page = graphql(query(logId, keyTag(publicKey), cursor)).path("data").path("transactions");
            for (JsonNode edge : page.path("edges")) {
                cursor = edge.path("cursor").asText(null);
                String id = edge.path("node").path("id").asText("");
                if (id.matches("[A-Za-z0-9_-]{43}")) {
                    get(id).ifPresent(candidates::add);
                }
            }
            if (!page.path("pageInfo").path("hasNextPage").asBoolean(false) || cursor == null) {
                break;
            }
        }
        return CheckpointAnchor.newestValid(candidates, logId, algorithm, publicKey);
    }

    static String query(String logId, String keyTag, String after) {
        String tags = "[{name:\"Memos-Type\",values:[\"audit-checkpoint\"]},{name:\"Memos-Log\",values:[" + quote(logId)
                + "]},{name:\"Memos-Key\",values:[" + quote(keyTag) + "]}]";
        return "query{transactions(tags:" + tags + ",first:" + PAGE + (after == null ? "" : ",after:" + quote(after))
                + "){pageInfo{hasNextPage} edges{cursor node{id}}}}";
    }

    private static String quote(String s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("s", s);
        String json = n.toString();
        return json.substring(5, json.length() - 1);
    }

    private JsonNode graphql(String query) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", query);
        HttpRequest req = HttpRequest.newBuilder(gateway.resolve("/graphql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw MemosException.network("gateway " + gateway + " answered " + resp.statusCode() + " to a GraphQL query: try another gateway", null);
                }
                return Json.mapper().readTree(in.readNBytes(MAX_GRAPHQL_BYTES));
            }
        } catch (IOException e) {
            throw MemosException.network("cannot reach gateway " + gateway + " (" + e.getMessage() + "): check the network or the profile", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while querying " + gateway, e);
        }
    }

    private Optional<byte[]> get(String id) {
        HttpRequest req = HttpRequest.newBuilder(gateway.resolve("/" + id)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = resp.body()) {
                byte[] body = in.readNBytes(MAX_CHECKPOINT_BYTES + 1);
                // Not yet served, or too big to be a checkpoint: skip it, others may still be found.
                return resp.statusCode() == 200 && body.length <= MAX_CHECKPOINT_BYTES ? Optional.of(body) : Optional.empty();
            }
        } catch (IOException e) {
            throw MemosException.network("cannot fetch " + id + " from " + gateway + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while fetching from " + gateway, e);
        }
    }
}
