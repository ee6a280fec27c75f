package dev.memos.shell.mcp;

import dev.memos.backup.ProgressListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Forwards a command's progress as MCP {@code notifications/progress} for the call's progress token:
 * on every phase change and at most every 250 ms within a phase, so a fast pack does not flood the
 * client. Never throws (a listener must not break the operation it watches).
 */
final class McpProgress implements ProgressListener {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final McpSyncServerExchange exchange;
    private final Object token;
    private String phase;
    private long last;

    private McpProgress(McpSyncServerExchange exchange, Object token) {
        this.exchange = exchange;
        this.token = token;
    }

    /** A listener for the call, or NONE when the client asked for no progress (no token). */
    static ProgressListener of(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        return exchange == null || token == null ? ProgressListener.NONE : new McpProgress(exchange, token);
    }

    @Override
    public synchronized void update(String phase, long files, long bytes, long totalBytes) {
        send(phase, bytes, totalBytes, phase + (files > 0 ? " (" + files + " files)" : ""));
    }

    @Override
    public synchronized void steps(String phase, long done, long total, String note) {
        send(phase, done, total, phase + (note == null || note.isBlank() ? "" : ": " + note));
    }

    private void send(String phase, long done, long total, String message) {
        long now = System.nanoTime();
        if (phase.equals(this.phase) && now - last < INTERVAL_NANOS && (total < 0 || done < total)) {
            return;
        }
        this.phase = phase;
        this.last = now;
        try {
            exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) Math.max(0, done),
                    total > 0 ? (double) total : null, message));
        } catch (RuntimeException e) {
            // the client went away or the channel is closing: the operation itself goes on
        }
    }
}
