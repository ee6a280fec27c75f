package dev.memos.shell;

import dev.memos.error.MemosException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

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
            Outcome outcome;
            try {
                List<String> tokens = Tokenizer.split(line);
                if (tokens.isEmpty()) {
                    continue;
                }
                if (tokens.size() == 1 && (tokens.get(0).equals("exit") || tokens.get(0).equals("quit"))) {
                    break;
                }
                outcome = Dispatcher.run(tokens, ctx);
            } catch (MemosException e) {
                outcome = Outcome.error("", ExitCodes.of(e.kind()), e.kind().code(), e.getMessage(), e);
            }
            printer.print(outcome, ctx.global());
            if (!outcome.ok()) {
                status = outcome.exit();
            }
        }
        return status;
    }
}
