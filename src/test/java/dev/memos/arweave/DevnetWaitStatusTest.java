package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.backup.ProgressListener;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.Base64Url;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet's posting, mining and indexing wait is a status line naming the item and counting seconds, and it stops with the wait. */
class DevnetWaitStatusTest {
    record Step(String phase, long done, long total, String note) {
    }

    @TempDir
    Path dir;

    /** A stub node that accepts everything and takes {@code mineMillis} to mine. */
    private static ArweaveGateway slowMiner(long mineMillis) {
        return new ArweaveGateway() {
            public URI base() {
                return URI.create("http://stub-node.invalid");
            }

            public JsonNode info() {
                throw new UnsupportedOperationException();
            }

            public BigInteger price(long bytes) {
                return BigInteger.ONE;
            }

            public BigInteger balance(String address) {
                return BigInteger.TEN.pow(20);
            }

            public String txAnchor() {
                return Base64Url.encode(new byte[48]);
            }

            public void postTx(JsonNode tx) {
            }

            public void postChunk(JsonNode chunk) {
            }

            public TxStatus status(String id) {
                return TxStatus.notFound();
            }

            public Optional<JsonNode> transaction(String id) {
                return Optional.empty();
            }

            public Optional<InputStream> data(String id) {
                return Optional.empty();
            }

            /** The index lists the asked item with the one tag every upload here carries. */
            public JsonNode graphql(String query, JsonNode variables) {
                return DevnetIndexWaitTest.indexAnswer(variables.path("ids").path(0).asText(), List.of(new Tag("App-Name", "MEMOS")));
            }

            public void mint(String address, BigInteger winston) {
            }

            public void mine() {
                try {
                    Thread.sleep(mineMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static ProgressListener recorder(List<Step> steps) {
        return new ProgressListener() {
            @Override
            public void update(String phase, long files, long bytes, long totalBytes) {
            }

            @Override
            public void steps(String phase, long done, long total, String note) {
                steps.add(new Step(phase, done, total, note));
            }
        };
    }

    private UploadReceipt upload(long mineMillis, ProgressListener progress) throws Exception {
        Path data = Files.write(dir.resolve("data"), new byte[1000]);
        return new DevnetBundleUploader(slowMiner(mineMillis), EthSigner.of(EthPrivateKey.parse("45".repeat(32))),
                TxDataRootTest.WALLET, Retry.DEFAULT, dir, progress).upload(data, List.of(new Tag("App-Name", "MEMOS")));
    }

    @Test
    void stub_devnet_mining_wait_names_the_item_and_counts_seconds_while_it_lasts() throws Exception {
        List<Step> steps = new CopyOnWriteArrayList<>();
        UploadReceipt r = upload(1300, recorder(steps));
        assertTrue(steps.size() >= 2, "no status line during a 1.3 s wait: " + steps);
        String expected = "waiting for the node to index item " + r.id().substring(0, 6) + "…";
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            assertEquals("index", s.phase(), s.toString());
            assertEquals(-1, s.total(), "a wait of unknown length has no total: " + s);
            assertEquals(expected + " (" + s.done() + " s)", s.note());
            if (i > 0) {
                assertTrue(s.done() > steps.get(i - 1).done(), "the seconds must increase (MCP progress does): " + steps);
            }
        }
        int seen = steps.size();
        Thread.sleep(2 * WaitStatus.TICK_MILLIS + 100);
        assertEquals(seen, steps.size(), "the status line went on after the node had mined: " + steps);
    }

    @Test
    void stub_devnet_mining_wait_reports_nothing_to_no_listener_and_uploads_alike() throws Exception {
        UploadReceipt r = upload(10, ProgressListener.NONE);
        assertEquals("devnet", r.via());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("memos-wait-status")),
                "a status ticker runs with nobody listening");
    }
}
