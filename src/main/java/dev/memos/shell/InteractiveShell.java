package dev.memos.shell;

import dev.memos.shell.repl.JLineSecretPrompt;
import dev.memos.shell.repl.ReplLauncher;

/** The REPL: Spring Shell on JLine, started only for this mode. */
final class InteractiveShell {
    private InteractiveShell() {
    }

    static int run(Context ctx, Printer printer) {
        return ReplLauncher.run(ctx, printer, (JLineSecretPrompt) ctx.prompt());
    }
}
