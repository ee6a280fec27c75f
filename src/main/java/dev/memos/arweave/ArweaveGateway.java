package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.util.Optional;

/**
 * The Arweave HTTP API of one node or gateway. Every failure to reach it or an unexpected answer
 * is a MemosException of kind NETWORK; an answer that says "no such thing" is an empty Optional.
 */
public interface ArweaveGateway {
    URI base();

    JsonNode info();

    /** Winston to store {@code bytes} bytes (GET /price/{bytes}). */
    BigInteger price(long bytes);

    /** Winston held by a wallet address (GET /wallet/{addr}/balance). */
    BigInteger balance(String address);

    /** An anchor for last_tx (GET /tx_anchor). */
    String txAnchor();

    void postTx(JsonNode tx);

    void postChunk(JsonNode chunk);

    TxStatus status(String id);

    /** The transaction header (GET /tx/{id}), if the node knows it. */
    Optional<JsonNode> transaction(String id);

    /** The data of a transaction or bundled item (GET /{id}) as a stream the caller closes. */
    Optional<InputStream> data(String id);

    /**
     * Bytes [from, to] of the data (GET /{id} with {@code Range: bytes=from-to}). A gateway that
     * honours it answers 206 and the body starts at {@code from}; one that ignores it sends
     * everything from offset 0: {@link Ranged#offset()} says which. The default ignores Range.
     */
    default Optional<Ranged> dataRange(String id, long from, long to) {
        return data(id).map(in -> new Ranged(in, 0, -1));
    }

    /** A ranged answer: the body starts at {@code offset} of the data; {@code total} is its full size, or -1 if unsaid. */
    record Ranged(InputStream body, long offset, long total) {
    }

    JsonNode graphql(String query, JsonNode variables);

    /** Devnet only (arlocal): GET /mint/{addr}/{winston}. */
    void mint(String address, BigInteger winston);

    /** Devnet only (arlocal): GET /mine. */
    void mine();

    static HttpArweaveGateway.Builder builder() {
        return new HttpArweaveGateway.Builder();
    }
}
