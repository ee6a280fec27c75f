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

    JsonNode graphql(String query, JsonNode variables);

    /** Devnet only (arlocal): GET /mint/{addr}/{winston}. */
    void mint(String address, BigInteger winston);

    /** Devnet only (arlocal): GET /mine. */
    void mine();

    static HttpArweaveGateway.Builder builder() {
        return new HttpArweaveGateway.Builder();
    }
}
