package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A gateway in memory: headers and data by id, everything else unsupported. Counts data requests. */
public final class MemoryGateway implements ArweaveGateway {
    public final Map<String, JsonNode> headers = new ConcurrentHashMap<>();
    public final Map<String, byte[]> data = new ConcurrentHashMap<>();
    public final AtomicInteger dataRequests = new AtomicInteger();
    /** Bytes handed out by data and dataRange, whole or ranged. */
    public final java.util.concurrent.atomic.AtomicLong bytesServed = new java.util.concurrent.atomic.AtomicLong();
    /** Whether dataRange answers with just the range (206) or, like arlocal, with everything (200). */
    public volatile boolean honoursRange = true;
    private final URI base;

    public MemoryGateway(String name) {
        this.base = URI.create("http://" + name + ".invalid");
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public Optional<JsonNode> transaction(String id) {
        return Optional.ofNullable(headers.get(id));
    }

    @Override
    public Optional<InputStream> data(String id) {
        dataRequests.incrementAndGet();
        byte[] d = data.get(id);
        if (d == null) {
            return Optional.empty();
        }
        bytesServed.addAndGet(d.length);
        return Optional.of(new ByteArrayInputStream(d));
    }

    @Override
    public Optional<Ranged> dataRange(String id, long from, long to) {
        if (!honoursRange) {
            return ArweaveGateway.super.dataRange(id, from, to);
        }
        dataRequests.incrementAndGet();
        byte[] d = data.get(id);
        if (d == null) {
            return Optional.empty();
        }
        int end = (int) Math.min(to + 1, d.length);
        bytesServed.addAndGet(end - from);
        return Optional.of(new Ranged(new ByteArrayInputStream(d, (int) from, end - (int) from), from, d.length));
    }

    @Override
    public JsonNode info() {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger price(long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BigInteger balance(String address) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String txAnchor() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void postTx(JsonNode tx) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void postChunk(JsonNode chunk) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TxStatus status(String id) {
        return headers.containsKey(id) ? TxStatus.confirmed(1) : TxStatus.notFound();
    }

    @Override
    public JsonNode graphql(String query, JsonNode variables) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void mint(String address, BigInteger winston) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void mine() {
        throw new UnsupportedOperationException();
    }
}
