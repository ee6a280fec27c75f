package dev.memos.shell.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The input filter that makes notifications/cancelled reach the worker running the call. */
class McpCancellationTest {
    @Test
    void stamps_tool_calls_with_their_id_and_consumes_cancellations() throws Exception {
        McpCancellation c = new McpCancellation();
        String in = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"backup\",\"arguments\":{}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}\n";
        String out = new String(c.filter(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8))).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(out.contains("\"" + McpCancellation.META_ID + "\":\"7\""), out);
        assertFalse(out.contains("notifications/cancelled"), out);
        assertTrue(out.endsWith("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}\n"), out);
        assertFalse(c.start("7"), "a call cancelled before it started must not run");
        c.end("7");
    }

    @Test
    void cancelling_a_running_call_interrupts_its_worker_and_end_clears_the_interrupt() {
        McpCancellation c = new McpCancellation();
        assertTrue(c.start("9"));
        assertNull(c.inspect("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"9\"}}"));
        assertTrue(Thread.currentThread().isInterrupted());
        c.end("9");
        assertFalse(Thread.currentThread().isInterrupted(), "a pooled worker must start its next call clean");
    }

    @Test
    void malformed_or_foreign_lines_pass_unchanged() {
        McpCancellation c = new McpCancellation();
        assertEquals("{not json tools/call", c.inspect("{not json tools/call"));
        assertEquals("{\"method\":\"ping\"}", c.inspect("{\"method\":\"ping\"}"));
    }
}
