package dev.memos.shell;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Drives a whole session from stdin: one command a line, no prompt, no colours, no terminal. It
 * goes on after a failing command (an agent decides what to do from the JSON), and ends at EOF or
 * {@code exit}.
 */
public final class PipeRunner {
    private PipeRunner() {
    }

    /** Returns 0 if every command succeeded, else the exit code of the last command that failed. */
    public static int run(BufferedReader in, Context ctx, Printer printer) throws IOException {
        int status = ExitCodes.OK;
        String line;
        while ((line = in.readLine()) != null) {
            Dispatcher.LineResult r = Dispatcher.runLine(line, ctx);
            if (r.exit()) {
                break;
            }
            if (r.blank()) {
                continue;
            }
            printer.print(r.outcome(), ctx.global());
            if (!r.outcome().ok()) {
                status = r.outcome().exit();
            }
        }
        return status;
    }
}
