package dev.memos.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import java.io.PrintStream;

/**
 * The one renderer of an {@link Outcome}: text and one-line errors for people, or exactly one JSON
 * object per command on its own stdout line under {@code --json} (the envelope of docs/JSON.md).
 */
public final class Printer {
    /**
     * Result records are written with snake_case keys, so {@code snapshotId} reaches programs as
     * {@code snapshot_id}; the naming strategy does not touch map keys, which the commands spell in
     * snake_case themselves (map keys are often data: file names, IDs).
     */
    private static final ObjectMapper RESULTS = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;

    public Printer(PrintStream out, PrintStream err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    public void print(Outcome outcome, GlobalOptions fallback) {
        GlobalOptions global = outcome.global() != null ? outcome.global() : fallback;
        if (global.json()) {
            out.println(json(outcome));
            out.flush();
            if (global.debug() && outcome.cause() != null) {
                outcome.cause().printStackTrace(err);
            }
            return;
        }
        if (outcome.ok()) {
            String text = outcome.result().text();
            if (!text.isEmpty()) {
                out.println(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            }
            for (String w : outcome.result().warnings()) {
                err.println(paint("memos: warning: ", "33") + w);
            }
        } else {
            err.println(paint("memos: error: ", "31") + outcome.errorMessage());
            if (global.debug() && outcome.cause() != null) {
                outcome.cause().printStackTrace(err);
            }
        }
        out.flush();
        err.flush();
    }

    public void scriptError(String file, int line, Outcome outcome, GlobalOptions global) {
        if (global.json()) {
            return;
        }
        err.println(file + ":" + line + ": " + outcome.errorMessage());
        err.flush();
    }

    /** The tree of a result as {@code --json} shows it, for callers that embed results (MCP). */
    public static com.fasterxml.jackson.databind.JsonNode resultTree(Object data) {
        return RESULTS.valueToTree(data);
    }

    static String json(Outcome outcome) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("command", outcome.command());
        node.put("ok", outcome.ok());
        node.put("exit", outcome.exit());
        if (outcome.ok()) {
            try {
                node.set("result", RESULTS.valueToTree(outcome.result().data()));
            } catch (IllegalArgumentException e) {
                node.put("ok", false);
                node.putObject("error").put("code", "failure").put("message", "result could not be encoded as JSON");
                return node.toString();
            }
            if (!outcome.result().warnings().isEmpty()) {
                node.set("warnings", RESULTS.valueToTree(outcome.result().warnings()));
            }
        } else {
            ObjectNode error = node.putObject("error");
            error.put("code", outcome.errorCode());
            error.put("message", outcome.errorMessage());
        }
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return "{\"command\":\"" + outcome.command() + "\",\"ok\":false,\"exit\":1,"
                    + "\"error\":{\"code\":\"failure\",\"message\":\"result could not be encoded as JSON\"}}";
        }
    }

    private String paint(String s, String ansi) {
        return color ? "\u001b[" + ansi + "m" + s + "\u001b[0m" : s;
    }
}
