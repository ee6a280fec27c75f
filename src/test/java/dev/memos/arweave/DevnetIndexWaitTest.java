package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.Json;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause of LegacyArlocalTest's flakes under load: arlocal answers {@code /mine} while another
 * process's concurrent {@code /mine} is still writing our item's tags, so a search by the last tag
 * (Bundle-TX) right after the upload misses the item. The devnet uploader returns only once the
 * index shows the item with all its tags.
 */
class DevnetIndexWaitTest {
    @TempDir
    Path dir;

    @Test
    void upload_returns_only_after_the_index_lists_every_tag_of_the_item() throws Exception {
        List<Tag> tags = List.of(new Tag("App-Name", "MEMOS"), new Tag("Type", "manifest"), new Tag("Bundle-TX", "x".repeat(43)));
        // the index lists the item twice without its last tag (another /mine still writing), then whole
        LaggingIndex node = new LaggingIndex(2, tags);
        DevnetBundleUploader up = new DevnetBundleUploader(node, EthSigner.of(EthPrivateKey.fromBytes(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})),
                JwkWallet.fromJson(Vectors.json("arweave-js-keyfile.json")), Retry.NONE, dir);
        Path data = Files.writeString(dir.resolve("m.json"), "{}");

        UploadReceipt r = up.upload(data, tags);

        assertEquals(3, node.queries.get(), "asked the index until the item had every tag");
        assertTrue(node.mined, "mined first");
        assertEquals(node.askedFor, r.id());
    }

    /** A devnet that accepts everything and whose index lags behind by {@code partialAnswers} answers. */
    static final class LaggingIndex implements ArweaveGateway {
        final AtomicInteger queries = new AtomicInteger();
        final int partialAnswers;
        final List<Tag> tags;
        volatile boolean mined;
        volatile String askedFor;

        LaggingIndex(int partialAnswers, List<Tag> tags) {
            this.partialAnswers = partialAnswers;
            this.tags = tags;
        }

        @Override
        public JsonNode graphql(String query, JsonNode variables) {
            askedFor = variables.path("ids").path(0).asText();
            int n = queries.incrementAndGet();
            return indexAnswer(askedFor, tags.subList(0, n <= partialAnswers ? tags.size() - 1 : tags.size()));
        }

        @Override
        public void mine() {
            mined = true;
        }

        @Override
        public BigInteger price(long bytes) {
            return BigInteger.ONE;
        }

        @Override
        public BigInteger balance(String address) {
            return BigInteger.TEN.pow(18);
        }

        @Override
        public String txAnchor() {
            return "A".repeat(64);
        }

        @Override
        public void postTx(JsonNode tx) {
        }

        @Override
        public void postChunk(JsonNode chunk) {
        }

        @Override
        public URI base() {
            return URI.create("http://devnet.invalid");
        }

        @Override
        public JsonNode info() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TxStatus status(String id) {
            return TxStatus.notFound();
        }

        @Override
        public Optional<JsonNode> transaction(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<InputStream> data(String id) {
            return Optional.empty();
        }

        @Override
        public void mint(String address, BigInteger winston) {
        }
    }

    /** The GraphQL answer of an index that lists item {@code id} with {@code tags} (one page). */
    static JsonNode indexAnswer(String id, List<Tag> tags) {
        ObjectNode node = Json.mapper().createObjectNode().put("id", id);
        ArrayNode t = node.putArray("tags");
        tags.forEach(tag -> t.addObject().put("name", tag.name()).put("value", tag.value()));
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode txs = out.putObject("data").putObject("transactions");
        txs.putObject("pageInfo").put("hasNextPage", false);
        txs.putArray("edges").addObject().put("cursor", "c").set("node", node);
        return out;
    }
}
