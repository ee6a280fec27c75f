package dev.memos.arweave.turbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.arweave.Tag;
import dev.memos.arweave.x402.X402Network;
import dev.memos.arweave.x402.X402Payer;
import dev.memos.backup.ProgressListener;
import dev.memos.error.MemosException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turbo and x402 uploads report the bytes their request bodies have sent (a single POST of a large
 * item was silent for minutes), chunked uploads report each chunk and the wait to finalize, all
 * against the local Turbo stub.
 */
class TurboUploadProgressTest {
    record Event(String phase, long done, long total) {
    }

    @TempDir
    Path dir;
    TurboStub stub;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final ProgressListener recorder = new ProgressListener() {
        @Override
        public void update(String phase, long files, long bytes, long totalBytes) {
            events.add(new Event(phase, bytes, totalBytes));
        }

        @Override
        public void steps(String phase, long done, long total, String note) {
            events.add(new Event(phase + ": " + note, done, total));
        }
    };

    @BeforeEach
    void start() throws Exception {
        stub = new TurboStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private void upload(URI turbo, String token, X402Payer payer, int bytes) throws Exception {
        Path data = Files.write(dir.resolve("data"), new byte[bytes]);
        TurboClient client = TurboClient.builder().upload(turbo).payment(stub.uri()).token(token)
                .chunking(1_000_000, 300_000).polling(Duration.ofMillis(10), 50).progress(recorder).build();
        new TurboUploader(client, TurboClientStubTest.KEY, payer, dir).upload(data, List.of(new Tag("App-Name", "MEMOS")));
    }

    private List<Event> uploads() {
        return events.stream().filter(e -> e.phase().equals("upload")).toList();
    }

    /** The bytes never run backwards within one request, never pass the total, and end at the total. */
    private static void assertOneRequestToTheEnd(List<Event> request) {
        assertTrue(request.size() >= 2, "one report for a whole request body: " + request);
        long total = request.get(0).total();
        for (int i = 0; i < request.size(); i++) {
            Event e = request.get(i);
            assertEquals(total, e.total(), "the total changed mid-request: " + request);
            assertTrue(e.done() <= total, "more bytes reported than the item has: " + e);
            if (i > 0) {
                assertTrue(e.done() >= request.get(i - 1).done(), "the count ran backwards: " + request);
            }
        }
        assertEquals(total, request.get(request.size() - 1).done(), "the request body was not reported to its end");
    }

    @Test
    void stub_single_request_turbo_upload_reports_the_bytes_its_body_sent() throws Exception {
        upload(stub.uri(), "ethereum", null, 300_000);
        List<Event> sent = uploads();
        assertTrue(sent.get(0).total() > 300_000, "the total is the signed item's size: " + sent.get(0));
        assertOneRequestToTheEnd(sent);
    }

    @Test
    void stub_x402_upload_reports_both_requests_each_to_its_end() throws Exception {
        stub.mode = TurboStub.Mode.X402;
        upload(stub.uri(), "base-usdc", new X402Payer(TurboClientStubTest.KEY, X402Network.BASE_SEPOLIA,
                X402Payer.usdcToAtomic("0.01"), Clock.systemUTC()), 300_000);
        List<Event> sent = uploads();
        int restart = -1;
        for (int i = 1; i < sent.size(); i++) {
            if (sent.get(i).done() < sent.get(i - 1).done()) {
                assertEquals(-1, restart, "more than the two requests of an x402 payment: " + sent);
                restart = i;
            }
        }
        assertTrue(restart > 0, "the quote request and the paid request, each reported: " + sent);
        assertOneRequestToTheEnd(sent.subList(0, restart));
        assertOneRequestToTheEnd(sent.subList(restart, sent.size()));
    }

    @Test
    void stub_chunked_upload_reports_each_chunk_and_the_wait_to_finalize() throws Exception {
        upload(stub.uri(), "ethereum", null, 1_200_000); // just over the chunking threshold: 4 chunks
        assertOneRequestToTheEnd(uploads());
        assertTrue(events.stream().anyMatch(e -> e.phase().startsWith("finalize: waiting for Turbo to finalize")),
                "no word while Turbo finalizes: " + events);
    }

    @Test
    void stub_unreachable_turbo_never_reports_the_upload_complete() {
        assertThrows(MemosException.class, () -> upload(URI.create("http://127.0.0.1:1"), "ethereum", null, 300_000));
        assertFalse(uploads().stream().anyMatch(e -> e.done() == e.total()), "an upload that failed was shown as sent: " + events);
    }
}
