package dev.memos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.config.MemosHome;
import dev.memos.shell.mcp.McpServerRunner;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal JSON-RPC client for the MCP server running in this JVM over pipes: it records the whole
 * transcript (both directions) and the server's stderr so a test can scan them for secrets.
 */
final class McpTestClient implements AutoCloseable {
    private static final ObjectMapper M = new ObjectMapper();
    // NIO pipes, not java.io.Piped*: those fail with "Pipe broken" once a thread that wrote to them has
    // ended, and the server answers parallel calls from pool threads that come and go.
    private final java.nio.channels.Pipe up = java.nio.channels.Pipe.open();
    private final java.nio.channels.Pipe down = java.nio.channels.Pipe.open();
    private final java.io.OutputStream toServer = java.nio.channels.Channels.newOutputStream(up.sink());
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    final StringBuffer transcript = new StringBuffer();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicLong ids = new AtomicLong();
    private final Thread server;

    McpTestClient(Map<String, String> env) throws IOException {
        java.io.InputStream serverIn = java.nio.channels.Channels.newInputStream(up.source());
        java.io.InputStream fromServer = java.nio.channels.Channels.newInputStream(down.source());
        PrintStream serverOut = new PrintStream(java.nio.channels.Channels.newOutputStream(down.sink()), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        Session session = new Session(clock, env, SecretPrompt.none(), Duration.ofMinutes(15));
        Context ctx = new Context(MemosHome.fromEnvironment(env), env, clock, session, SecretPrompt.none(), Mode.ONE_SHOT,
                GlobalOptions.defaults(), serverOut, err, CommandCatalog.standard());
        server = new Thread(() -> {
            try {
                McpServerRunner.serve(ctx, serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                session.lock();
                serverOut.close();
            }
        }, "mcp-server-under-test");
        server.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    transcript.append("<- ").append(line).append('\n');
                    JsonNode msg = M.readTree(line);
                    if (msg.has("id") && !msg.has("method")) {
                        pending.remove(msg.get("id").asLong()).complete(msg);
                    } else {
                        notifications.add(msg);
                    }
                }
            } catch (IOException e) {
                pending.values().forEach(f -> f.completeExceptionally(e));
            }
        }, "mcp-client-reader");
        reader.setDaemon(true);
        reader.start();
        request("initialize", Map.of("protocolVersion", "2024-11-05", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "memos-test", "version", "1")));
        notify("notifications/initialized", Map.of());
    }

    CompletableFuture<JsonNode> send(String method, Object params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = M.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        msg.set("params", M.valueToTree(params));
        write(msg);
        return f;
    }

    JsonNode request(String method, Object params) {
        try {
            return send(method, params).get(Long.getLong("mcp.test.timeout", 120), TimeUnit.SECONDS);
        } catch (Exception e) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, st) -> {
                if (t.getName().startsWith("boundedElastic") || t.getName().startsWith("mcp")) {
                    dump.append(t.getName()).append('\n');
                    for (StackTraceElement el : st) {
                        dump.append("  ").append(el).append('\n');
                    }
                }
            });
            throw new AssertionError(method + " got no answer; stderr: " + stderr + "\n" + dump, e);
        }
    }

    /** The result of a tools/call (structuredContent, content, isError). */
    JsonNode call(String tool, Map<String, Object> arguments) {
        JsonNode answer = request("tools/call", Map.of("name", tool, "arguments", arguments));
        if (!answer.has("result")) {
            throw new AssertionError(tool + ": " + answer);
        }
        return answer.get("result");
    }

    void notify(String method, Object params) {
        ObjectNode msg = M.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        msg.set("params", M.valueToTree(params));
        write(msg);
    }

    private synchronized void write(JsonNode msg) {
        try {
            String line = M.writeValueAsString(msg);
            transcript.append("-> ").append(line).append('\n');
            toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        } catch (IOException e) {
            throw new AssertionError("server closed its input", e);
        }
    }

    @Override
    public void close() throws Exception {
        toServer.close();
        server.join(TimeUnit.SECONDS.toMillis(60));
    }
}
