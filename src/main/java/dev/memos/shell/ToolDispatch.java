package dev.memos.shell;

import java.util.List;

/**
 * The seam between an adapter that is not a terminal (the MCP server) and the one command pipeline:
 * it runs a command line exactly as pipe mode does and hands back the pipe mode's JSON envelope, so
 * a tool call and a piped command cannot disagree. Lives in this package because the envelope is
 * the {@link Printer}'s.
 */
public final class ToolDispatch {
    private ToolDispatch() {
    }

    /** One finished call: the pipe envelope ({@code command ok exit result|error warnings}) and a one-line summary. */
    public record Envelope(boolean ok, int exit, String summary, String json) {
    }

    /**
     * A context for serving calls: pipe semantics (no prompt, no progress bar, no colour), and both
     * output streams on {@code err}, so nothing a command streams can reach the protocol channel.
     */
    public static Context serverContext(Context base) {
        Context ctx = new Context(base.home(), base.env(), base.clock(), base.session(), SecretPrompt.none(), Mode.PIPE,
                base.global().merge(new GlobalOptions(true, null, false, true, true)), base.err(), base.err(), base.catalog());
        Main.configureIdleTimeout(ctx);
        return ctx;
    }

    public static Envelope run(List<String> line, Context ctx) {
        Outcome outcome = Dispatcher.run(line, ctx);
        String summary = outcome.ok() ? firstLine(outcome.result().text(), outcome.command()) : outcome.errorMessage();
        return new Envelope(outcome.ok(), outcome.exit(), summary, Printer.json(outcome));
    }

    private static String firstLine(String text, String command) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? command + ": done" : line;
    }
}
