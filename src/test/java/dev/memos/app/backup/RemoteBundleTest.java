package dev.memos.app.backup;

import dev.memos.arweave.ArweaveGateway;
import dev.memos.arweave.MemoryGateway;
import dev.memos.arweave.Retry;
import dev.memos.arweave.Vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.memos.backup.BundleKeys;
import dev.memos.backup.BundlePacker;
import dev.memos.backup.BundleReader;
import dev.memos.backup.RollbackIndex;
import dev.memos.backup.SealedManifest;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup's sealed manifest read from a gateway by its header and tail only, with restore's checks. */
class RemoteBundleTest {
    static final EthPrivateKey KEY = EthPrivateKey.parse("46".repeat(32));
    static final EthPrivateKey OTHER = EthPrivateKey.parse("47".repeat(32));
    static final String ID = "R".repeat(43);
    static final Retry ONCE = new Retry(1, Duration.ZERO);

    @TempDir
    Path dir;
    MemoryGateway gateway = new MemoryGateway("g");
    BundleKeys keys;
    HttpServer server;

    @BeforeEach
    void keys() {
        keys = BundleKeys.derive(KEY);
    }

    @AfterEach
    void close() {
        keys.close();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A bundle of {@code key} with sequence 2, holding {@code bytes} of incompressible data. */
    byte[] bundle(EthPrivateKey key, int bytes) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        byte[] noise = new byte[bytes];
        new Random(bytes).nextBytes(noise);
        Files.write(tree.resolve("noise.bin"), noise);
        RollbackIndex index = RollbackIndex.at(dir.resolve("index-" + key.address().lowercase() + "-" + bytes + ".json"));
        Path out = dir.resolve("b.bundle");
        for (int i = 0; i < 2; i++) {
            Files.deleteIfExists(out);
            BundlePacker.builder().key(key).rollbackIndex(index).build().pack(tree, out);
        }
        return Files.readAllBytes(out);
    }

    SealedManifest read(byte[] served, long indexSize) throws Exception {
        gateway.data.put(ID, served);
        return BundleReader.readManifest(new RemoteBundle(List.of(gateway), ONCE, ID, indexSize), keys);
    }

    MemosException refused(ErrorKind kind, byte[] served, long indexSize) {
        MemosException e = assertThrows(MemosException.class, () -> read(served, indexSize));
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void large_bundle_needs_two_small_range_requests_and_a_small_one_a_single_request() throws Exception {
        for (int[] c : new int[][] {{900_000, 2}, {1000, 1}}) {
            byte[] b = bundle(KEY, c[0]);
            RemoteBundle src = new RemoteBundle(List.of(gateway), ONCE, ID, b.length);
            gateway.data.put(ID, b);
            gateway.bytesServed.set(0);
            assertEquals(2, BundleReader.readManifest(src, keys).manifest().sequence());
            assertEquals(c[1], src.requests(), "requests for " + c[0]);
            assertTrue(gateway.bytesServed.get() <= RemoteBundle.HEAD + RemoteBundle.TAIL, "read " + gateway.bytesServed.get());
        }
    }

    @Test
    void manifest_larger_than_the_tail_window_takes_one_more_request_in_both_modes() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 2500; i++) {
            Files.writeString(tree.resolve("note-with-a-rather-long-name-to-grow-the-inventory-" + i + ".md"), "n" + i);
        }
        Path out = dir.resolve("many.bundle");
        BundlePacker.builder().key(KEY).rollbackIndex(RollbackIndex.at(dir.resolve("many-index.json"))).build().pack(tree, out);
        byte[] b = Files.readAllBytes(out);
        for (boolean honours : new boolean[] {true, false}) {
            gateway.honoursRange = honours;
            gateway.data.put(ID, b);
            RemoteBundle src = new RemoteBundle(List.of(gateway), ONCE, ID, b.length);
            SealedManifest m = BundleReader.readManifest(src, keys);
            assertEquals(2500, m.manifest().files().size());
            assertTrue(m.canonicalBytes().length > RemoteBundle.TAIL, "the manifest must outgrow the tail window");
            assertEquals(3, src.requests(), "header, tail, then the rest of the manifest (Range honoured: " + honours + ")");
        }
    }

    @Test
    void gateway_ignoring_range_is_streamed_once_and_still_verified() throws Exception {
        gateway.honoursRange = false;
        byte[] b = bundle(KEY, 900_000);
        assertEquals(2, read(b, b.length).manifest().sequence());
        // the header request is cut off after its bytes; the tail request streams the item once
        assertTrue(gateway.bytesServed.get() <= 2L * b.length);
    }

    @Test
    void rejects_a_tampered_tail() throws Exception {
        byte[] b = bundle(KEY, 900_000);
        b[b.length - 20] ^= 1;
        refused(ErrorKind.INTEGRITY, b, b.length);
        gateway.honoursRange = false;
        refused(ErrorKind.INTEGRITY, b, b.length);
    }

    @Test
    void rejects_a_backup_of_another_key_at_its_header() throws Exception {
        byte[] b = bundle(OTHER, 5000);
        refused(ErrorKind.AUTH, b, b.length);
    }

    @Test
    void rejects_a_tampered_header() throws Exception {
        byte[] b = bundle(KEY, 5000);
        b[20] ^= 1;
        refused(ErrorKind.AUTH, b, b.length);
    }

    @Test
    void rejects_a_size_from_the_index_that_is_off_by_one() throws Exception {
        byte[] b = bundle(KEY, 900_000);
        refused(ErrorKind.INTEGRITY, b, b.length - 1);
        refused(ErrorKind.INTEGRITY, b, b.length + 1);
        gateway.honoursRange = false;
        refused(ErrorKind.INTEGRITY, b, b.length - 1);
        refused(ErrorKind.INTEGRITY, b, b.length + 1);
    }

    @Test
    void rejects_an_item_cut_at_a_chunk_boundary_even_with_a_matching_size() throws Exception {
        byte[] b = bundle(KEY, 900_000);
        byte[] cut = Arrays.copyOf(b, 76 + 4 * (65536 + 16));
        refused(ErrorKind.INTEGRITY, cut, cut.length);
    }

    @Test
    void rejects_bytes_appended_to_a_bundle() throws Exception {
        byte[] b = bundle(KEY, 5000);
        byte[] longer = Arrays.copyOf(b, b.length + 17);
        refused(ErrorKind.INTEGRITY, longer, longer.length);
    }

    @Test
    void rejects_data_that_is_not_a_bundle() {
        byte[] junk = Vectors.det(5000, "junk");
        refused(ErrorKind.INTEGRITY, junk, junk.length);
        refused(ErrorKind.INTEGRITY, new byte[0], 0);
    }

    @Test
    void http_gateway_honouring_range_sends_only_the_ranges() throws Exception {
        byte[] b = bundle(KEY, 900_000);
        long[] served = {0};
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            String[] r = range.substring("bytes=".length()).split("-");
            int from = Integer.parseInt(r[0]);
            int to = Math.min(Integer.parseInt(r[1]), b.length - 1);
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + b.length);
            ex.sendResponseHeaders(206, to - from + 1);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b, from, to - from + 1);
            }
            served[0] += to - from + 1;
        });
        server.start();
        ArweaveGateway http = ArweaveGateway.builder().base(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
        assertEquals(2, BundleReader.readManifest(new RemoteBundle(List.of(http), ONCE, ID, b.length), keys).manifest().sequence());
        assertTrue(served[0] <= RemoteBundle.HEAD + RemoteBundle.TAIL, "served " + served[0]);
    }

    @Test
    void http_gateway_answering_another_range_is_not_trusted() throws Exception {
        byte[] b = bundle(KEY, 900_000);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Range", "bytes 0-99/" + b.length);
            ex.sendResponseHeaders(206, 100);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b, 0, 100);
            }
        });
        server.start();
        ArweaveGateway http = ArweaveGateway.builder().base(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
        MemosException e = assertThrows(MemosException.class,
                () -> BundleReader.readManifest(new RemoteBundle(List.of(http), ONCE, ID, b.length), keys));
        assertEquals(ErrorKind.NETWORK, e.kind(), e.getMessage());
    }
}
