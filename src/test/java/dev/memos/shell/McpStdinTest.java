package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcp} serves the standard input its command line was given (Context.in), not System.in: an
 * in-process caller (the harness, the option sweep) hands it its own stream, and the server ends with it.
 */
class McpStdinTest {
    @TempDir
    Path tmp;

    @Test
    void mcp_answers_on_the_stdin_it_was_given_and_returns_when_it_ends() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"mcp"}, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("MEMOS_HOME", tmp.resolve("home").toString()), false));
        feed.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString(StandardCharsets.UTF_8).contains("serverInfo") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        feed.close();
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("serverInfo"), "no answer on the given stdin: " + out + " / " + err);
        assertEquals(0, exit.get(20, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
    }
}
