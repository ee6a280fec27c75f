package dev.memos.shell.repl;

import dev.memos.shell.Context;
import dev.memos.shell.Dispatcher;
import dev.memos.shell.Printer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.jline.JLineInputProvider;

/**
 * Our REPL loop in place of Spring Shell's: Ctrl-C clears the line instead of leaving, Ctrl-D and
 * {@code exit} leave, and each line goes through the same dispatcher as every other mode.
 */
final class ReplLoop implements ShellRunner {
    private final JLineInputProvider input;
    private final Context ctx;
    private final Printer printer;

    ReplLoop(JLineInputProvider input, Context ctx, Printer printer) {
        this.input = input;
        this.ctx = ctx;
        this.printer = printer;
    }

    @Override
    public void run(String[] args) {
        while (true) {
            String line;
            try {
                line = input.readInput();
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            Dispatcher.LineResult r = Dispatcher.runLine(line, ctx);
            if (r.exit()) {
                return;
            }
            if (!r.blank()) {
                printer.print(r.outcome(), ctx.global());
            }
        }
    }
}
