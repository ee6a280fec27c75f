package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.backup.ProgressListener;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@link ArweaveGateway} over java.net.http; one instance per base URL. */
public final class HttpArweaveGateway implements ArweaveGateway {
    /** How long a request waits for the answer to begin unless told otherwise (config network.timeout-seconds). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private final URI base;
    private final HttpClient client;
    private final Duration timeout;
    private final ProgressListener progress;

    private HttpArweaveGateway(Builder b) {
        this.base = stripSlash(Objects.requireNonNull(b.base, "base"));
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = b.timeout;
        this.progress = b.progress;
    }

    public static final class Builder {
        private URI base;
        private HttpClient client;
        private Duration timeout = DEFAULT_TIMEOUT;
        private ProgressListener progress = ProgressListener.NONE;

        public Builder base(URI base) {
            this.base = base;
            return this;
        }

        public Builder client(HttpClient client) {
            this.client = client;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Hears of chunk posts (bytes of the transaction's data posted) and of downloaded bytes. */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public HttpArweaveGateway build() {
            return new HttpArweaveGateway(this);
        }
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public JsonNode info() {
        return json(getString("/info", true));
    }

    @Override
    public BigInteger price(long bytes) {
        return number(getString("/price/" + bytes, true), "price");
    }

    @Override
    public BigInteger balance(String address) {
        return number(getString("/wallet/" + address + "/balance", true), "balance");
    }

    @Override
    public String txAnchor() {
        return getString("/tx_anchor", true).strip();
    }

    @Override
    public void postTx(JsonNode tx) {
        // A transaction carrying its data inline is the whole upload in one request: the bar shows it
        // start and end (the devnet posts bundles up to 8 MiB so, DevnetBundleUploader).
        long inline = tx.path("data").asText("").isEmpty() ? -1 : tx.path("data_size").asLong(-1);
        if (inline > 0) {
            progress.update("upload", 0, 0, inline);
        }
        post("/tx", tx);
        if (inline > 0) {
            progress.update("upload", 0, inline, inline);
        }
    }

    @Override
    public void postChunk(JsonNode chunk) {
        post("/chunk", chunk);
        // Chunks go up in order, so the posted one's last byte (offset) is how far the upload has come.
        progress.update("upload", 0, chunk.path("offset").asLong(-1) + 1, chunk.path("data_size").asLong(-1));
    }

    @Override
    public TxStatus status(String id) {
        HttpResponse<String> r = send(request("/tx/" + id + "/status").GET().build(), HttpResponse.BodyHandlers.ofString());
        // Nodes answer 202 "Pending" for an accepted, unmined transaction; arlocal says "Pending" with 200.
        boolean pendingText = r.body() != null && r.body().strip().equals("Pending");
        return switch (r.statusCode()) {
            case 200 -> pendingText ? TxStatus.pending()
                    : TxStatus.confirmed(json(r.body()).path("number_of_confirmations").asLong(0));
            case 202 -> TxStatus.pending();
            case 404 -> TxStatus.notFound();
            default -> throw unexpected("/tx/" + id + "/status", r.statusCode());
        };
    }

    @Override
    public Optional<JsonNode> transaction(String id) {
        HttpResponse<String> r = send(request("/tx/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 || r.statusCode() == 202 || r.statusCode() == 410) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw unexpected("/tx/" + id, r.statusCode());
        }
        return Optional.of(json(r.body()));
    }

    @Override
    public Optional<InputStream> data(String id) {
        HttpResponse<InputStream> r = send(request("/" + id).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 200) {
            long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            return unlessError(r.body(), id).map(in -> new CountingInputStream(in, n -> progress.update("download", 0, n, total)));
        }
        closeQuietly(r.body());
        // 202: accepted but not served yet (a fresh upload on some gateways); to a reader that is "not here"
        if (r.statusCode() == 404 || r.statusCode() == 410 || r.statusCode() == 202) {
            return Optional.empty();
        }
        throw unexpected("/" + id, r.statusCode());
    }

    @Override
    public Optional<Ranged> dataRange(String id, long from, long to) {
        HttpResponse<InputStream> r = send(request("/" + id).header("Range", "bytes=" + from + "-" + to).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 200) {
            long total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            return unlessError(r.body(), id).map(in -> new Ranged(in, 0, total));
        }
        if (r.statusCode() == 206) {
            // Content-Range: bytes a-b/total (total may be "*")
            String cr = r.headers().firstValue("Content-Range").orElse("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)").matcher(cr.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) != from) {
                closeQuietly(r.body());
                throw MemosException.network(base + "/" + id + " answered another range than asked (" + cr + "): use another gateway", null);
            }
            return Optional.of(new Ranged(r.body(), from, m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3))));
        }
        closeQuietly(r.body());
        if (r.statusCode() == 404 || r.statusCode() == 410 || r.statusCode() == 202) {
            return Optional.empty();
        }
        if (r.statusCode() == 416) {
            throw MemosException.integrity(base + "/" + id + " holds fewer bytes than the index says: it is not the bundle listed");
        }
        throw unexpected("/" + id, r.statusCode());
    }

    @Override
    public JsonNode graphql(String query, JsonNode variables) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("query", query);
        body.set("variables", variables);
        String text = post("/graphql", body);
        JsonNode out = json(text);
        if (out.has("errors") && !out.path("errors").isEmpty()) {
            throw MemosException.network("GraphQL query at " + base + " failed: " + out.path("errors").get(0).path("message").asText(), null);
        }
        return out;
    }

    @Override
    public void mint(String address, BigInteger winston) {
        getString("/mint/" + address + "/" + winston, true);
    }

    @Override
    public void mine() {
        getString("/mine", true);
    }

    private String getString(String path, boolean require200) {
        HttpResponse<String> r = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (require200 && r.statusCode() != 200) {
            throw unexpected(path, r.statusCode());
        }
        return r.body();
    }

    private String post(String path, JsonNode body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<String> r = send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 208) {
            // the body is the gateway's text: no line breaks or terminal controls in our one-line error
            String detail = r.body() == null ? "" : r.body().strip().replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ");
            throw MemosException.network("POST " + base + path + " answered " + r.statusCode()
                    + (detail.isEmpty() || detail.length() > 200 ? "" : " (" + detail + ")") + ": check the node and retry", null);
        }
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(req, handler);
        } catch (IOException e) {
            throw MemosException.network("cannot reach " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check the node URL or try later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while talking to " + base, e);
        }
    }

    /** A 200 whose body is a JSON error object (arlocal's answer for an unknown id) is "not here". */
    private Optional<InputStream> unlessError(InputStream body, String id) {
        try {
            return GatewayErrorBody.unlessError(body);
        } catch (IOException e) {
            closeQuietly(body);
            throw MemosException.network("reading " + base + "/" + id + " failed (" + e.getClass().getSimpleName()
                    + "): try again later or use another gateway", e);
        }
    }

    private MemosException unexpected(String path, int status) {
        return MemosException.network(base + path + " answered HTTP " + status + ": try again later or use another gateway", null);
    }

    private JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MemosException.network(base + " sent a malformed JSON answer: try another gateway", e);
        }
    }

    private BigInteger number(String text, String what) {
        String s = text.strip();
        if (!s.matches("\\d{1,40}")) {
            throw MemosException.network(base + " sent a malformed " + what + " (not a whole number)", null);
        }
        return new BigInteger(s);
    }

    private static URI stripSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is already being discarded
        }
    }

    @Override
    public String toString() {
        return "ArweaveGateway[" + base + "]";
    }
}
