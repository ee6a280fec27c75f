package dev.memos.shell.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.error.MemosException;
import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.Context;
import dev.memos.shell.ToolDispatch;
import dev.memos.shell.Version;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code memos mcp}: serves every tool-eligible command as an MCP tool over stdio with the official
 * SDK. stdout carries only JSON-RPC: the real stdout goes to the transport and {@code System.out} is
 * pointed at stderr for the life of the server, so a stray print cannot corrupt the channel. Each
 * call runs through {@link ToolDispatch} (the pipe mode's pipeline); the SDK runs calls on its own
 * worker threads, and store writes serialise through the home locks as they do across processes.
 */
public final class McpServerRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The serving thread plus one party per running call. */
    private static final java.util.concurrent.Phaser INFLIGHT = new java.util.concurrent.Phaser(1);

    private McpServerRunner() {
    }

    /** Serves until the client closes stdin; returns the exit code. */
    public static int serve(Context base, InputStream in, PrintStream protocolOut) throws InterruptedException {
        Context ctx = ToolDispatch.serverContext(base);
        if (protocolOut == System.out) {
            System.setOut(base.err()); // the real stdout is the transport's alone from here on
        }
        CountDownLatch ended = new CountDownLatch(1);
        McpCancellation cancellation = new McpCancellation();
        InputStream watched = new FilterInputStream(cancellation.filter(in)) {
            @Override
            public int read() throws IOException {
                return seen(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return seen(super.read(b, off, len));
            }

            private int seen(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(MAPPER), watched, protocolOut);
        McpResources resources = new McpResources(ctx);
        McpSyncServer[] server = new McpSyncServer[1];
        server[0] = McpServer.sync(SerializedTransport.wrap(transport))
                .serverInfo("memos", Version.current())
                .instructions("Encrypted, rollback-proof agent memory on Arweave and a verifiable MOCI identity. "
                        + "Secrets (ETH_PRIVATE_KEY, MEMOS_PASSPHRASE, MEMOS_HSM_PIN) come from the server's environment, "
                        + "never from arguments. Destructive tools need 'confirm' equal to their target.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).logging().build())
                .tools(tools(ctx, cancellation, () -> resources.changed(server[0])))
                .resources(resources.specifications())
                .build();
        ended.await();
        INFLIGHT.arriveAndAwaitAdvance(); // a call that was running when the client left still finishes its write
        server[0].closeGracefully();
        return 0;
    }

    /** One tool per command that is not CLI-only (see {@link ToolPolicy}). */
    static List<McpTool> catalog(CommandCatalog commands) {
        List<McpTool> out = new ArrayList<>();
        for (Command c : commands.commands()) {
            if (!ToolPolicy.CLI_ONLY.contains(c.spec().name())) {
                out.add(McpTool.of(c.spec()));
            }
        }
        return out;
    }

    private static List<McpServerFeatures.SyncToolSpecification> tools(Context ctx, McpCancellation cancellation,
                                                                        Runnable onWrite) {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (McpTool tool : catalog(ctx.catalog())) {
            McpSchema.Tool def = McpSchema.Tool.builder()
                    .name(tool.name())
                    .title("memos " + tool.spec().name())
                    .description(tool.spec().summary())
                    .inputSchema(MAPPER.convertValue(tool.inputSchema(), McpSchema.JsonSchema.class))
                    .outputSchema(OutputSchemas.of(tool.spec().name()))
                    .annotations(new McpSchema.ToolAnnotations("memos " + tool.spec().name(), tool.readOnly(),
                            tool.isDestructive(), tool.readOnly(), true, false))
                    .build();
            specs.add(McpServerFeatures.SyncToolSpecification.builder().tool(def)
                    .callHandler((exchange, request) -> {
                        Object id = request.meta() == null ? null : request.meta().get(McpCancellation.META_ID);
                        try {
                            if (!cancellation.start(id)) {
                                return error("interrupted", "cancelled before it started; nothing was changed");
                            }
                            return call(ctx.withProgressTap(McpProgress.of(exchange, request)), tool, request.arguments(), onWrite);
                        } finally {
                            cancellation.end(id);
                        }
                    })
                    .build());
        }
        return specs;
    }

    /** Runs one call; a refused or failed call is an {@code isError} result with the one-line error. */
    static McpSchema.CallToolResult call(Context ctx, McpTool tool, Map<String, Object> arguments, Runnable onWrite) {
        INFLIGHT.register();
        try {
            return run(ctx, tool, arguments, onWrite);
        } finally {
            INFLIGHT.arriveAndDeregister();
        }
    }

    private static McpSchema.CallToolResult run(Context ctx, McpTool tool, Map<String, Object> arguments, Runnable onWrite) {
        ToolDispatch.Envelope env;
        try {
            env = ToolDispatch.run(tool.commandLine(arguments), ctx);
        } catch (MemosException e) {
            return error("usage", e.getMessage());
        }
        if (!env.ok()) {
            JsonNode error = parse(env.json()).path("error");
            return error(error.path("code").asText("failure"), env.summary());
        }
        if (!tool.readOnly()) {
            onWrite.run();
        }
        JsonNode envelope = parse(env.json());
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder()
                .structuredContent(structured(envelope))
                .addTextContent(env.summary())
                .isError(false);
        envelope.path("warnings").forEach(w -> result.addTextContent("warning: " + w.asText()));
        return result.build();
    }

    /**
     * The envelope's {@code result} as an object (MCP needs one); a non-object result is wrapped as
     * {@code value}. Warnings stay out of it (the output schema is the result's) and go to the text.
     */
    static Map<String, Object> structured(JsonNode envelope) {
        JsonNode result = envelope.path("result");
        ObjectNode object = result.isObject() ? (ObjectNode) result : MAPPER.createObjectNode().set("value", result);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.convertValue(object, Map.class);
        return map;
    }

    private static McpSchema.CallToolResult error(String code, String message) {
        return McpSchema.CallToolResult.builder().addTextContent("error (" + code + "): " + message).isError(true).build();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the pipe envelope is not JSON", e);
        }
    }
}
