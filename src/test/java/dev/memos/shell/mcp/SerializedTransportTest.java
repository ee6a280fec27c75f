package dev.memos.shell.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Concurrent sends reach the client: the SDK's stdio transport drops a message ("Failed to enqueue
 * message") when another thread is sending at that moment, which left MCP clients waiting for ever
 * (seen in scripts/bench mcp under load). The stand-in below fails the same way whenever two sends
 * overlap, and holds each send long enough that unserialised senders always overlap.
 */
class SerializedTransportTest {
    /** Like the SDK's unicast sink: an overlapping send fails instead of waiting. */
    static class NonSerializedSink implements McpServerTransport {
        final AtomicInteger inside = new AtomicInteger();
        final Set<Object> delivered = ConcurrentHashMap.newKeySet();

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.defer(() -> {
                if (inside.incrementAndGet() > 1) {
                    inside.decrementAndGet();
                    return Mono.error(new RuntimeException("Failed to enqueue message"));
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delivered.add(((McpSchema.JSONRPCResponse) message).id());
                inside.decrementAndGet();
                return Mono.empty();
            });
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            throw new UnsupportedOperationException();
        }
    }

    /** Sends {@code perThread} responses from each of 8 threads started together; returns the failures. */
    private static List<Throwable> sendConcurrently(McpServerTransport transport, int perThread) throws Exception {
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * perThread;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    McpSchema.JSONRPCMessage m = new McpSchema.JSONRPCResponse("2.0", base + i, "ok", null);
                    transport.sendMessage(m).subscribe(null, failures::add);
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join(10_000);
        }
        return failures;
    }

    @Test
    void eight_threads_sending_at_once_all_reach_the_client_through_the_serialised_transport() throws Exception {
        NonSerializedSink sink = new NonSerializedSink();
        List<Throwable> failures = sendConcurrently(new SerializedTransport(sink), 5);
        assertEquals(List.of(), failures);
        assertEquals(40, sink.delivered.size(), "every message delivered once");
    }

    @Test
    void the_same_senders_lose_messages_on_the_bare_transport() throws Exception {
        // the stand-in reproduces the SDK's failure, so the test above can fail
        NonSerializedSink sink = new NonSerializedSink();
        List<Throwable> failures = sendConcurrently(sink, 5);
        assertTrue(!failures.isEmpty() && sink.delivered.size() < 40, "no overlap happened: " + sink.delivered.size());
    }

    @Test
    void a_failed_send_is_still_reported_to_the_sender() {
        McpServerTransport failing = new NonSerializedSink() {
            @Override
            public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
                return Mono.error(new IllegalStateException("closed"));
            }
        };
        Throwable[] seen = new Throwable[1];
        new SerializedTransport(failing).sendMessage(new McpSchema.JSONRPCResponse("2.0", 1, "ok", null))
                .subscribe(null, e -> seen[0] = e);
        assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
    }
}
