package dev.memos.shell.mcp;

import dev.memos.shell.Context;
import dev.memos.shell.ToolDispatch;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What an agent reads often, as {@code memos://} resources: each is the JSON result of one command
 * run through the same pipeline as a tool (so {@code mem show}'s protections apply to ring text).
 * After any call that may write, every resource is reported updated; clients that subscribed
 * re-read it (cheap, and it cannot miss a change the way a per-command guess could).
 */
final class McpResources {
    /** URI, command line, description. */
    private record Entry(String uri, List<String> line, String description) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("memos://identity/status", List.of("id", "status"),
                    "the unlocked (or only) identity: id, state, key, chain head"),
            new Entry("memos://identity/trust", List.of("id", "trust"),
                    "the identity's trust score and what it rests on"),
            new Entry("memos://rings/recent", List.of("mem", "show"),
                    "the recent memories of the hot and warm rings, with the mem show protections"));

    private final Context ctx;

    McpResources(Context ctx) {
        this.ctx = ctx;
    }

    static List<String> uris() {
        return ENTRIES.stream().map(Entry::uri).toList();
    }

    List<McpServerFeatures.SyncResourceSpecification> specifications() {
        List<McpServerFeatures.SyncResourceSpecification> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            McpSchema.Resource resource = McpSchema.Resource.builder().uri(e.uri()).name(e.uri().substring("memos://".length()))
                    .description(e.description()).mimeType("application/json").build();
            out.add(new McpServerFeatures.SyncResourceSpecification(resource, (exchange, request) -> read(e)));
        }
        return out;
    }

    private McpSchema.ReadResourceResult read(Entry e) {
        ToolDispatch.Envelope env = ToolDispatch.run(e.line(), ctx);
        String text = env.ok() ? McpServerRunner.parse(env.json()).path("result").toString()
                : McpServerRunner.parse(env.json()).path("error").toString();
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(e.uri(), "application/json", text)));
    }

    /** Tells subscribed clients that every resource may have changed. */
    void changed(McpSyncServer server) {
        if (server == null) {
            return;
        }
        for (Entry e : ENTRIES) {
            try {
                server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(e.uri()));
            } catch (RuntimeException ex) {
                ctx.err().println("memos: warning: could not notify " + e.uri() + ": " + ex.getMessage());
            }
        }
    }
}
