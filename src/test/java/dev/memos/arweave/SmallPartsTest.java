package dev.memos.arweave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {
    @TempDir
    Path dir;

    @Test
    void retry_retries_network_errors_only() {
        AtomicInteger calls = new AtomicInteger();
        Retry r = new Retry(3, Duration.ofMillis(1));
        assertEquals("ok", r.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw MemosException.network("flaky", null);
            }
            return "ok";
        }));
        calls.set(0);
        assertThrows(MemosException.class, () -> r.run(() -> {
            calls.incrementAndGet();
            throw MemosException.integrity("bad");
        }));
        assertEquals(1, calls.get(), "an integrity failure is final");
    }

    @Test
    void txid_list_dedupes_keeps_newest_last_and_drops_junk() throws Exception {
        Path f = dir.resolve("completion/txids");
        String a = "A".repeat(43);
        String b = "B".repeat(43);
        TxIdList.add(f, List.of(a, b));
        TxIdList.add(f, List.of(a, "not an id"));
        assertEquals(List.of(b, a), Files.readAllLines(f));
    }

    @Test
    void txid_list_is_bounded() throws Exception {
        Path f = dir.resolve("txids");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(String.format("%043d", i));
        }
        TxIdList.add(f, many);
        List<String> lines = Files.readAllLines(f);
        assertEquals(500, lines.size());
        assertEquals(String.format("%043d", 599), lines.get(499));
    }

    @Test
    void avro_tags_round_trip_and_reject_garbage() {
        List<Tag> tags = List.of(new Tag("App-Name", "MEMOS"), new Tag("ünï", "x".repeat(300)));
        assertEquals(tags, AvroTags.decode(AvroTags.encode(tags), 2));
        assertEquals(0, AvroTags.encode(List.of()).length);
        assertThrows(IllegalArgumentException.class, () -> AvroTags.decode(new byte[] {4, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> AvroTags.decode(new byte[] {(byte) 0xff, (byte) 0xff}, 1));
        byte[] ok = AvroTags.encode(List.of(new Tag("a", "b")));
        byte[] trailing = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThrows(IllegalArgumentException.class, () -> AvroTags.decode(trailing, 1));
    }

    @Test
    void status_texts_and_winston() {
        assertEquals("Not found", TxStatus.notFound().describe());
        assertEquals("Pending", TxStatus.pending().describe());
        assertEquals("Confirmed (1 confirmation)", TxStatus.confirmed(1).describe());
        assertEquals("Confirmed (7 confirmations)", TxStatus.confirmed(7).describe());
        assertEquals("1.5", Winston.toAr("1500000000000"));
        assertEquals("0", Winston.toAr("0"));
        assertEquals("0.000000000001", Winston.toAr("1"));
    }

    @Test
    void downloader_refuses_to_run_without_something_to_verify() {
        Downloader d = new Downloader(List.of(ArweaveGateway.builder().base(java.net.URI.create("http://127.0.0.1:1")).build()), Retry.NONE);
        assertEquals(ErrorKind.USAGE, assertThrows(MemosException.class, () -> d.download("x", dir.resolve("o"), null, null)).kind());
    }

    @Test
    void unreachable_gateway_is_network_error() {
        Downloader d = new Downloader(List.of(ArweaveGateway.builder().base(java.net.URI.create("http://127.0.0.1:1")).build()),
                new Retry(2, Duration.ofMillis(1)));
        MemosException e = assertThrows(MemosException.class, () -> d.download("A".repeat(43), dir.resolve("o"), "00", null));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertTrue(Files.notExists(dir.resolve("o")));
    }
}
