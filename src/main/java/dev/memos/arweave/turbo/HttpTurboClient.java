package dev.memos.arweave.turbo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.arweave.CountingInputStream;
import dev.memos.arweave.x402.X402Payer;
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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link TurboClient} over java.net.http. Paths follow @ardrive/turbo-sdk: POST {upload}/v1/tx/{token};
 * chunked: GET /v1/chunks/{token}/-1/-1?chunkSize=N, POST /v1/chunks/{token}/{id}/{offset},
 * POST …/finalize, GET …/status until FINALIZED; GET {payment}/v1/account/balance/{token}?address=,
 * GET {payment}/v1/price/bytes/{n}. Item bodies are streamed from the file, and the bytes the
 * request body stream has handed to the connection are reported as the "upload" phase: a single
 * POST of a large item (x402 always posts in one request) is otherwise silent for minutes.
 */
public final class HttpTurboClient implements TurboClient {
    private final URI upload;
    private final URI payment;
    private final String token;
    private final HttpClient client;
    private final long chunkThreshold;
    private final int chunkSize;
    private final Duration pollInterval;
    private final int maxPolls;
    private final ProgressListener progress;

    private HttpTurboClient(Builder b) {
        this.upload = Objects.requireNonNull(b.upload, "upload");
        this.payment = Objects.requireNonNull(b.payment, "payment");
        this.token = b.token;
        this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        this.chunkThreshold = b.chunkThreshold;
        this.chunkSize = b.chunkSize;
        this.pollInterval = b.pollInterval;
        this.maxPolls = b.maxPolls;
        this.progress = b.progress;
    }

    public static final class Builder {
        private URI upload;
        private URI payment;
        private String token = "ethereum";
        private HttpClient client;
        private long chunkThreshold = 10L * 1024 * 1024;
        private int chunkSize = 5 * 1024 * 1024;
        private Duration pollInterval = Duration.ofSeconds(2);
        private int maxPolls = 300;
        private ProgressListener progress = ProgressListener.NONE;

        public Builder upload(URI u) {
            this.upload = u;
            return this;
        }

        public Builder payment(URI u) {
            this.payment = u;
            return this;
        }

        /** "ethereum" for credits paid by an ETH-signed item, "base-usdc" for x402 uploads. */
        public Builder token(String t) {
            this.token = t;
            return this;
        }

        public Builder client(HttpClient c) {
            this.client = c;
            return this;
        }

        public Builder chunking(long threshold, int size) {
            this.chunkThreshold = threshold;
            this.chunkSize = size;
            return this;
        }

        public Builder polling(Duration interval, int max) {
            this.pollInterval = interval;
            this.maxPolls = max;
            return this;
        }

        /** Hears of the bytes sent (phase "upload") and of the wait for a chunked upload to finalize. */
        public Builder progress(ProgressListener p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        public HttpTurboClient build() {
            return new HttpTurboClient(this);
        }
    }

    @Override
    public TurboReceipt upload(Path itemFile, String expectedId, X402Payer payer) {
        try {
            long size = Files.size(itemFile);
            if (size > chunkThreshold && payer == null) {
                return chunked(itemFile, size, expectedId);
            }
            URI uri = URI.create(upload + "/v1/tx/" + token);
            HttpResponse<String> r = send(post(uri, itemFile, null));
            String settlement = null;
            if (r.statusCode() == 402 && payer != null) {
                String header = payer.pay(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    r = send(post(uri, itemFile, header));
                    settlement = r.headers().firstValue("X-PAYMENT-RESPONSE").map(X402Payer.Settlement::parse)
                            .map(X402Payer.Settlement::transaction).orElse(null);
                } finally {
                    payer.settled(settlement); // a signed authorization is reported even when the request failed
                }
            }
            return receipt(r, expectedId, settlement);
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + itemFile + ": " + e.getMessage(), e);
        }
    }

    private TurboReceipt receipt(HttpResponse<String> r, String expectedId, String settlement) {
        switch (r.statusCode()) {
            case 200 -> {
                JsonNode n = json(r.body(), "upload receipt");
                String id = n.path("id").asText("");
                if (!id.equals(expectedId)) {
                    throw MemosException.integrity("Turbo's receipt names item " + id + ", not the uploaded " + expectedId
                            + ": do not trust this upload");
                }
                return new TurboReceipt(id, n.path("owner").asText(""), n.path("winc").asText("0"), n.path("timestamp").asLong(0),
                        n.path("deadlineHeight").asLong(0), false, settlement);
            }
            case 202 -> {
                return new TurboReceipt(expectedId, "", "0", 0, 0, true, settlement);
            }
            case 402 -> throw MemosException.payment(settlement == null
                    ? "insufficient Turbo credits for this upload: top up credits for this address, or use --x402 or --wallet"
                    : "Turbo refused the x402 payment: check the USDC balance on the chosen network");
            default -> throw MemosException.network("Turbo upload answered HTTP " + r.statusCode() + ": try again later", null);
        }
    }

    private TurboReceipt chunked(Path itemFile, long size, String expectedId) throws IOException {
        String base = upload + "/v1/chunks/" + token;
        JsonNode init = json(get(URI.create(base + "/-1/-1?chunkSize=" + chunkSize)), "chunked upload start");
        String uploadId = init.path("id").asText("");
        int serverChunk = init.path("chunkSize").asInt(chunkSize);
        if (uploadId.isEmpty() || serverChunk <= 0) {
            throw MemosException.network("Turbo did not start a chunked upload: try again later", null);
        }
        try (FileChannel ch = FileChannel.open(itemFile, StandardOpenOption.READ)) {
            for (long off = 0; off < size; off += serverChunk) {
                long len = Math.min(serverChunk, size - off);
                long offset = off;
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/" + uploadId + "/" + off))
                        .header("Content-Type", "application/octet-stream").header("x-chunking-version", "2")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                                () -> slice(itemFile, offset, len)), len)).build();
                expectOk(send(req), "chunk at " + off);
                progress.update("upload", 0, off + len, size);
            }
        }
        HttpRequest fin = HttpRequest.newBuilder(URI.create(base + "/" + uploadId + "/finalize"))
                .header("Content-Type", "application/octet-stream").header("x-chunking-version", "2")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> fr = send(fin);
        if (fr.statusCode() == 402) {
            return receipt(fr, expectedId, null);
        }
        expectOk(fr, "finalize");
        for (int i = 0; i < maxPolls; i++) {
            JsonNode st = json(get(URI.create(base + "/" + uploadId + "/status")), "chunked upload status");
            String status = st.path("status").asText("");
            switch (status) {
                case "FINALIZED" -> {
                    JsonNode rc = st.path("receipt");
                    if (!rc.path("id").asText("").equals(expectedId)) {
                        throw MemosException.integrity("Turbo's receipt names another item than the uploaded " + expectedId);
                    }
                    return new TurboReceipt(expectedId, rc.path("owner").asText(""), rc.path("winc").asText("0"),
                            rc.path("timestamp").asLong(0), rc.path("deadlineHeight").asLong(0), false, null);
                }
                case "UNDERFUNDED" -> throw MemosException.payment("insufficient Turbo credits for this upload: top up credits");
                case "INVALID", "APPROVAL_FAILED", "REVOKE_FAILED" ->
                        throw MemosException.network("Turbo rejected the chunked upload (" + status + ")", null);
                default -> {
                    progress.steps("finalize", i + 1, -1, "waiting for Turbo to finalize the upload ("
                            + (i + 1) * pollInterval.toMillis() / 1000 + " s)");
                    sleep();
                }
            }
        }
        throw MemosException.network("Turbo did not finalize the upload in time: check it later with 'download --status-only'", null);
    }

    /** The file as the request body, reporting each read; a retried request starts its count over. */
    private InputStream counted(Path file, long size) {
        try {
            return new CountingInputStream(Files.newInputStream(file), n -> progress.update("upload", 0, n, size));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream slice(Path file, long offset, long len) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new java.io.FilterInputStream(in) {
                private long left = len;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    left--;
                    return b;
                }

                @Override
                public int read(byte[] b, int o, int n) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int r = super.read(b, o, (int) Math.min(n, left));
                    if (r > 0) {
                        left -= r;
                    }
                    return r;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public BigInteger balance(String address) {
        JsonNode n = json(get(URI.create(payment + "/v1/account/balance/" + token + "?address=" + address)), "balance");
        return wholeNumber(n.path("winc").asText(""), "balance");
    }

    @Override
    public BigInteger price(long bytes) {
        JsonNode n = json(get(URI.create(payment + "/v1/price/bytes/" + bytes)), "price");
        return wholeNumber(n.path("winc").asText(""), "price");
    }

    private HttpRequest post(URI uri, Path file, String paymentHeader) throws IOException {
        long size = Files.size(file);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> counted(file, size)), size));
        if (paymentHeader != null) {
            b.header("X-PAYMENT", paymentHeader);
        }
        return b.build();
    }

    private String get(URI uri) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
        if (r.statusCode() == 404 && uri.getPath().contains("/account/balance/")) {
            return "{\"winc\":\"0\"}";
        }
        expectOk(r, uri.getPath());
        return r.body();
    }

    private void expectOk(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200 && r.statusCode() != 202) {
            throw MemosException.network("Turbo " + what + " answered HTTP " + r.statusCode() + ": try again later", null);
        }
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw MemosException.network("cannot reach Turbo at " + req.uri().getHost() + " (" + e.getClass().getSimpleName()
                    + "): check the network or try later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while talking to Turbo", e);
        }
    }

    private static JsonNode json(String body, String what) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            if (n == null || !n.isObject()) {
                throw new IOException("not an object");
            }
            return n;
        } catch (IOException e) {
            throw MemosException.network("Turbo sent a malformed " + what + ": try again later", e);
        }
    }

    private static BigInteger wholeNumber(String s, String what) {
        if (!s.matches("\\d{1,40}")) {
            throw MemosException.network("Turbo sent a malformed " + what + " (winc is not a whole number)", null);
        }
        return new BigInteger(s);
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemosException.network("interrupted while waiting for Turbo", e);
        }
    }
}
