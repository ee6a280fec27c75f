package dev.memos.arweave.turbo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.memos.arweave.DataItem;
import dev.memos.arweave.DataItemVerifier;
import dev.memos.arweave.x402.TransferAuthorization;
import dev.memos.crypto.EthAddress;
import dev.memos.crypto.EthVerifier;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Turbo's upload and payment services and an x402 facilitator, answering in
 * the shapes their public docs and @ardrive/turbo-sdk types give: receipts {id, owner, dataCaches,
 * fastFinalityIndexes, winc, timestamp, version, deadlineHeight, public, signature}, x402 v1 402
 * bodies, X-PAYMENT-RESPONSE. It verifies what it receives like the real service would.
 */
final class TurboStub implements AutoCloseable {
    enum Mode { OK, INSUFFICIENT, ALREADY, X402, X402_OVER_CAP, X402_WRONG_NETWORK, X402_MALFORMED, WRONG_RECEIPT_ID }

    final HttpServer server;
    volatile Mode mode = Mode.OK;
    final List<String> paymentHeaders = new CopyOnWriteArrayList<>();
    final List<DataItem> received = new CopyOnWriteArrayList<>();
    /** What GET /{id} (the gateway side) answers: the data, 404 for ever, or other bytes. */
    enum Read { SERVE, NEVER, WRONG_BYTES }

    volatile Read read = Read.SERVE;
    /** The first this many GET /{id} answer 404, as Turbo's caches do right after an upload. */
    volatile int readsMissing;
    final java.util.concurrent.atomic.AtomicInteger dataGets = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Map<String, byte[]> itemData = new java.util.concurrent.ConcurrentHashMap<>();
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private volatile int statusPolls;

    TurboStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.startsWith("/v1/tx/")) {
                tx(ex, path.substring("/v1/tx/".length()), body);
            } else if (path.startsWith("/v1/chunks/ethereum/")) {
                chunk(ex, path.substring("/v1/chunks/ethereum/".length()), body);
            } else if (path.equals("/v1/account/balance/ethereum")) {
                send(ex, 200, "{\"winc\":\"123456\",\"controlledWinc\":\"123456\",\"effectiveBalance\":\"123456\",\"receivedApprovals\":[],\"givenApprovals\":[]}");
            } else if (path.startsWith("/v1/price/bytes/")) {
                long n = Long.parseLong(path.substring("/v1/price/bytes/".length()));
                send(ex, 200, "{\"winc\":\"" + (n * 1000) + "\",\"adjustments\":[],\"fees\":[]}");
            } else if (path.matches("/[A-Za-z0-9_-]{43}") && ex.getRequestMethod().equals("GET")) {
                data(ex, path.substring(1));
            } else {
                send(ex, 404, "Not Found");
            }
        }
    }

    private void data(HttpExchange ex, String id) throws IOException {
        byte[] d = itemData.get(id);
        if (dataGets.incrementAndGet() <= readsMissing || read == Read.NEVER || d == null) {
            send(ex, 404, "Not Found");
            return;
        }
        byte[] body = read == Read.WRONG_BYTES ? ("not the data of " + id).getBytes(StandardCharsets.US_ASCII) : d;
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private void keep(DataItem item, byte[] raw) {
        received.add(item);
        itemData.put(item.id(), java.util.Arrays.copyOfRange(raw, item.headerLength(), raw.length));
    }

    private void tx(HttpExchange ex, String token, byte[] body) throws IOException {
        DataItem item;
        try {
            item = DataItemVerifier.verify(body);
        } catch (RuntimeException e) {
            send(ex, 400, "Invalid Data Item!");
            return;
        }
        switch (mode) {
            case INSUFFICIENT -> send(ex, 402, "Insufficient balance");
            case ALREADY -> send(ex, 202, "Data item already received");
            case WRONG_RECEIPT_ID -> send(ex, 200, receipt("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            case X402, X402_OVER_CAP, X402_WRONG_NETWORK, X402_MALFORMED -> x402(ex, token, item, body);
            default -> {
                keep(item, body);
                send(ex, 200, receipt(item.id()));
            }
        }
    }

    private void x402(HttpExchange ex, String token, DataItem item, byte[] raw) throws IOException {
        String header = ex.getRequestHeaders().getFirst("X-PAYMENT");
        if (header == null) {
            String body = switch (mode) {
                case X402_MALFORMED -> "{\"x402Version\":1,\"error\":\"X-PAYMENT header is required\",\"accepts\":[{\"scheme\":\"exact\"}]}";
                case X402_OVER_CAP -> body402("base-sepolia", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "5000000");
                case X402_WRONG_NETWORK -> body402("base", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "1000");
                default -> body402("base-sepolia", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "1000");
            };
            send(ex, 402, body);
            return;
        }
        paymentHeaders.add(header);
        JsonNode p = Json.mapper().readTree(Base64.getDecoder().decode(header));
        JsonNode a = p.path("payload").path("authorization");
        TransferAuthorization t = new TransferAuthorization(EthAddress.parse(a.path("from").asText()),
                EthAddress.parse(a.path("to").asText()), new BigInteger(a.path("value").asText()), a.path("validAfter").asLong(),
                a.path("validBefore").asLong(), Hex.decode(a.path("nonce").asText()));
        byte[] digest = t.digest(TransferAuthorization.domainSeparator("USDC", "2", 84532,
                EthAddress.parse("0x036CbD53842c5426634e7929541eC2318f3dCF7e")));
        EthAddress signer = EthVerifier.recover(digest, Hex.decode(p.path("payload").path("signature").asText()));
        if (!signer.equals(t.from()) || !"base-usdc".equals(token)) {
            send(ex, 402, body402("base-sepolia", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "1000"));
            return;
        }
        keep(item, raw);
        String settlement = "{\"success\":true,\"transaction\":\"0x" + "ab".repeat(32) + "\",\"network\":\"base-sepolia\",\"payer\":\""
                + signer.checksummed() + "\"}";
        ex.getResponseHeaders().add("X-PAYMENT-RESPONSE", Base64.getEncoder().encodeToString(settlement.getBytes(StandardCharsets.UTF_8)));
        send(ex, 200, receipt(item.id()));
    }

    private void chunk(HttpExchange ex, String rest, byte[] body) throws IOException {
        if (rest.startsWith("-1/-1")) {
            synchronized (chunks) {
                chunks.reset();
            }
            statusPolls = 0;
            String q = ex.getRequestURI().getQuery();
            int size = Integer.parseInt(q.substring(q.indexOf('=') + 1));
            send(ex, 200, "{\"id\":\"upl-1\",\"min\":5242880,\"max\":524288000,\"chunkSize\":" + size + "}");
        } else if (rest.equals("upl-1/finalize")) {
            send(ex, mode == Mode.INSUFFICIENT ? 402 : 202, "");
        } else if (rest.equals("upl-1/status")) {
            if (statusPolls++ == 0) {
                send(ex, 200, "{\"status\":\"ASSEMBLING\"}");
                return;
            }
            byte[] all;
            synchronized (chunks) {
                all = chunks.toByteArray();
            }
            DataItem item = DataItemVerifier.verify(all);
            keep(item, all);
            send(ex, 200, "{\"status\":\"FINALIZED\",\"receipt\":" + receipt(item.id()) + "}");
        } else {
            long offset = Long.parseLong(rest.substring("upl-1/".length()));
            synchronized (chunks) {
                if (offset != chunks.size()) {
                    send(ex, 400, "bad offset");
                    return;
                }
                chunks.writeBytes(body);
            }
            send(ex, 200, "");
        }
    }

    static String body402(String network, String asset, String amount) {
        return "{\"x402Version\":1,\"error\":\"X-PAYMENT header is required\",\"accepts\":[{\"scheme\":\"exact\",\"network\":\""
                + network + "\",\"maxAmountRequired\":\"" + amount + "\",\"resource\":\"http://127.0.0.1/v1/tx/base-usdc\","
                + "\"description\":\"Upload a signed data item\",\"mimeType\":\"application/json\","
                + "\"payTo\":\"0x209693Bc6afc0C5328bA36FaF03C514EF312287C\",\"maxTimeoutSeconds\":60,\"asset\":\"" + asset
                + "\",\"outputSchema\":null,\"extra\":{\"name\":\"USDC\",\"version\":\"2\"}}]}";
    }

    static String receipt(String id) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("id", id);
        r.put("owner", "stub-owner");
        r.putArray("dataCaches").add("arweave.net");
        r.putArray("fastFinalityIndexes").add("arweave.net");
        r.put("winc", "4200");
        r.put("timestamp", 1_800_000_000_000L);
        r.put("version", "0.2.0");
        r.put("deadlineHeight", 1_600_000);
        r.put("public", "stub-public-key");
        r.put("signature", "stub-signature");
        return r.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
