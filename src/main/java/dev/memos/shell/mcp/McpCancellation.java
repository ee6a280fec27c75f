package dev.memos.shell.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code notifications/cancelled} for tool calls. The SDK (1.1.x) ignores it and does not tell a
 * handler its JSON-RPC id, so this sits on the input: it stamps each {@code tools/call} with its id
 * in {@code _meta} and, on a cancellation, interrupts the worker running that call. The command then
 * ends the way an interrupted command does everywhere (exit 130, {@code interrupted}), through its own
 * cleanup, so a cancelled call leaves what an interrupted CLI command leaves.
 */
public final class McpCancellation {
    static final String META_ID = "dev.memos/request_id";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();

    /** The protocol input with tool calls stamped and cancellations consumed; line framing as stdio MCP uses. */
    InputStream filter(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new InputStream() {
            private InputStream current = InputStream.nullInputStream();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (true) {
                    int n = current.read(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    String line = reader.readLine();
                    if (line == null) {
                        return -1;
                    }
                    String passed = inspect(line);
                    if (passed == null) {
                        continue;
                    }
                    current = new ByteArrayInputStream((passed + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    /**
     * The line to pass on: unchanged unless it is a tool call (stamped), or null for a cancellation,
     * which is handled here (the SDK would only log that it has no handler for it).
     */
    public String inspect(String line) {
        if (!line.contains("tools/call") && !line.contains("notifications/cancelled")) {
            return line;
        }
        try {
            JsonNode msg = MAPPER.readTree(line);
            String method = msg.path("method").asText("");
            if (method.equals("notifications/cancelled")) {
                cancel(msg.path("params").path("requestId").asText(""));
                return null;
            } else if (method.equals("tools/call") && msg.has("id") && msg.path("params").isObject()) {
                ObjectNode params = (ObjectNode) msg.get("params");
                JsonNode meta = params.path("_meta");
                ObjectNode stamped = meta.isObject() ? (ObjectNode) meta : params.putObject("_meta");
                stamped.put(META_ID, msg.get("id").asText());
                return MAPPER.writeValueAsString(msg);
            }
        } catch (IOException | RuntimeException e) {
            // not ours to judge: the SDK answers malformed input with a JSON-RPC error
        }
        return line;
    }

    private void cancel(String id) {
        cancelled.put(id, Boolean.TRUE);
        Thread t = running.get(id);
        if (t != null) {
            t.interrupt();
        }
    }

    /** Marks the current thread as running call {@code id} (null: not cancellable); returns false if already cancelled. */
    boolean start(Object id) {
        if (id == null) {
            return true;
        }
        running.put(id.toString(), Thread.currentThread());
        return cancelled.remove(id.toString()) == null;
    }

    /** The call ended: forget it and clear an interrupt meant for it, so the pooled worker starts clean. */
    void end(Object id) {
        if (id != null) {
            running.remove(id.toString());
            cancelled.remove(id.toString());
        }
        Thread.interrupted();
    }
}
