package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Base64Url;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads checked against a transaction's signed data_root: the streamed tree, the header checks, the file rules. */
class TxDataRootTest {
    static final JwkWallet WALLET = JwkWallet.fromJson(Vectors.json("arweave-js-keyfile.json"));
    static final Retry FAST = new Retry(2, java.time.Duration.ZERO);

    @TempDir
    Path dir;

    /** A signed format-2 header for {@code data}, as GET /tx/{id} would return it. */
    static L1Transaction signed(byte[] data) {
        return L1Transaction.unsigned(WALLET.owner(), "1000", new byte[32], List.of(new Tag("App-Name", "MEMOS-TEST")),
                ChunkTree.of(data), null).sign(WALLET);
    }

    static TxDataRoot rootOf(L1Transaction tx) {
        return TxDataRoot.verified(tx.id(), tx.toJson()).orElseThrow();
    }

    static MemosException integrity(Runnable r) {
        MemosException e = assertThrows(MemosException.class, r::run);
        assertEquals(ErrorKind.INTEGRITY, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void streamed_tree_equals_the_whole_tree_however_the_bytes_are_split() {
        Random rnd = new Random(7);
        for (int size : new int[] {0, 1, 32768, 262143, 262144, 262144 + 100, 2 * 262144, 600_000}) {
            byte[] data = Vectors.det(size, "split" + size);
            ChunkTree.Hasher h = ChunkTree.hasher(size);
            for (int off = 0; off < size; ) {
                int n = Math.min(size - off, 1 + rnd.nextInt(100_000));
                h.update(data, off, n);
                off += n;
            }
            assertArrayEquals(ChunkTree.of(data).dataRoot(), h.finish().dataRoot(), "size " + size);
        }
    }

    @Test
    void accepts_the_bytes_the_header_signs() {
        byte[] data = Vectors.det(600_000, "ok");
        TxDataRoot.Check c = rootOf(signed(data)).check();
        c.update(data, 0, data.length);
        c.finish();
    }

    @Test
    void rejects_one_byte_more_than_data_size_as_soon_as_it_arrives() {
        byte[] data = Vectors.det(5000, "long");
        TxDataRoot.Check c = rootOf(signed(data)).check();
        c.update(data, 0, data.length);
        integrity(() -> c.update(new byte[1], 0, 1));
    }

    @Test
    void rejects_bytes_cut_short_by_one() {
        byte[] data = Vectors.det(300_000, "short");
        TxDataRoot.Check c = rootOf(signed(data)).check();
        c.update(data, 0, data.length - 1);
        assertTrue(integrity(c::finish).getMessage().contains("holds 300000"));
    }

    @Test
    void rejects_same_length_with_one_flipped_byte() {
        byte[] data = Vectors.det(300_000, "flip");
        TxDataRoot root = rootOf(signed(data));
        data[299_999] ^= 1;
        TxDataRoot.Check c = root.check();
        c.update(data, 0, data.length);
        assertTrue(integrity(c::finish).getMessage().contains("not its data"));
    }

    @Test
    void empty_transaction_accepts_nothing_but_zero_bytes() {
        TxDataRoot root = rootOf(signed(new byte[0]));
        root.check().finish();
        integrity(() -> root.check().update(new byte[1], 0, 1));
    }

    @Test
    void rejects_a_header_signed_for_another_id() {
        L1Transaction a = signed(Vectors.det(100, "a"));
        L1Transaction b = signed(Vectors.det(100, "b"));
        MemoryGateway g = new MemoryGateway("liar");
        g.headers.put(b.id(), a.toJson());
        integrity(() -> TxDataRoot.lookup(List.of(g), FAST, b.id()));
    }

    @Test
    void rejects_a_header_whose_data_root_was_swapped() {
        L1Transaction tx = signed(Vectors.det(100, "a"));
        ObjectNode forged = tx.toJson();
        forged.put("data_root", Base64Url.encode(ChunkTree.of(Vectors.det(100, "evil")).dataRoot()));
        MemoryGateway g = new MemoryGateway("liar");
        g.headers.put(tx.id(), forged);
        integrity(() -> TxDataRoot.lookup(List.of(g), FAST, tx.id()));
    }

    @Test
    void rejects_a_header_with_a_larger_data_size() {
        L1Transaction tx = signed(Vectors.det(100, "a"));
        ObjectNode forged = tx.toJson();
        forged.put("data_size", "101");
        MemoryGateway g = new MemoryGateway("liar");
        g.headers.put(tx.id(), forged);
        integrity(() -> TxDataRoot.lookup(List.of(g), FAST, tx.id()));
    }

    @Test
    void takes_the_next_gateways_header_when_the_first_forges_one() {
        L1Transaction tx = signed(Vectors.det(100, "a"));
        ObjectNode forged = tx.toJson();
        forged.put("data_root", "");
        MemoryGateway liar = new MemoryGateway("liar");
        liar.headers.put(tx.id(), forged);
        MemoryGateway honest = new MemoryGateway("honest");
        honest.headers.put(tx.id(), tx.toJson());
        assertArrayEquals(tx.dataRoot(), TxDataRoot.lookup(List.of(liar, honest), FAST, tx.id()).orElseThrow().dataRoot());
    }

    @Test
    void a_data_item_without_header_has_no_root_to_check() {
        assertTrue(TxDataRoot.lookup(List.of(new MemoryGateway("g")), FAST, "A".repeat(43)).isEmpty());
        MemoryGateway v1 = new MemoryGateway("v1");
        ObjectNode format1 = signed(new byte[10]).toJson();
        format1.put("format", 1);
        v1.headers.put("B".repeat(43), format1);
        assertTrue(TxDataRoot.lookup(List.of(v1), FAST, "B".repeat(43)).isEmpty());
    }

    @Test
    void download_of_other_bytes_is_integrity_and_leaves_the_old_file_and_no_temp() throws Exception {
        byte[] data = Vectors.det(70_000, "real");
        L1Transaction tx = signed(data);
        MemoryGateway g = new MemoryGateway("g");
        g.headers.put(tx.id(), tx.toJson());
        g.data.put(tx.id(), Vectors.det(70_000, "other"));
        Path out = dir.resolve("out.bin");
        Files.writeString(out, "previous download");
        Downloader d = new Downloader(List.of(g), FAST);
        integrity(() -> d.download(tx.id(), out, Downloader.Expect.dataRoot(d.dataRoot(tx.id()).orElseThrow())));
        assertEquals(2, g.dataRequests.get(), "wrong bytes are retried like any failed attempt, then given up");
        assertEquals("previous download", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file stays behind");
        }
        g.data.put(tx.id(), data);
        Downloader.Result r = d.download(tx.id(), out, Downloader.Expect.dataRoot(d.dataRoot(tx.id()).orElseThrow()));
        assertEquals(70_000, r.bytes());
        assertArrayEquals(data, Files.readAllBytes(out));
        assertFalse(r.sha256().isEmpty());
    }

    @Test
    void a_data_item_without_a_hash_is_refused_unless_unverified_is_allowed() {
        Downloader d = new Downloader(List.of(new MemoryGateway("g")), FAST);
        MemosException e = assertThrows(MemosException.class, () -> d.expectFor("I".repeat(43), null, false));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--expected-sha256") && e.getMessage().contains("--manifest"), e.getMessage());
        assertEquals("unverified", d.expectFor("I".repeat(43), null, true).kind());
    }

    @Test
    void unverified_never_skips_a_root_that_exists_nor_combines_with_a_hash() {
        L1Transaction tx = signed(Vectors.det(100, "a"));
        MemoryGateway g = new MemoryGateway("g");
        g.headers.put(tx.id(), tx.toJson());
        Downloader d = new Downloader(List.of(g), FAST);
        assertEquals("data_root", d.expectFor(tx.id(), null, true).kind());
        assertEquals("sha256", d.expectFor(tx.id(), "00".repeat(32), false).kind());
        assertEquals(ErrorKind.USAGE, assertThrows(MemosException.class, () -> d.expectFor(tx.id(), "00".repeat(32), true)).kind());
    }
}
