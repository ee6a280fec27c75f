package dev.memos.shell;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one tokenised command line: global options, command lookup, argument parsing, the command
 * itself, and the translation of every failure into one exit code and one line of text. Nothing
 * thrown escapes, so every mode reports errors the same way.
 */
public final class Dispatcher {
    private Dispatcher() {
    }

    /** What one typed line asked for: nothing (blank or comment), to leave, or a command's outcome. */
    public record LineResult(boolean blank, boolean exit, Outcome outcome) {
    }

    /** Tokenises and runs one line of a script, a pipe or the REPL; a quoting error is its outcome. */
    public static LineResult runLine(String line, Context ctx) {
        List<String> tokens;
        try {
            tokens = Tokenizer.split(line);
        } catch (MemosException e) {
            return new LineResult(false, false,
                    Outcome.error("", ExitCodes.of(e.kind()), e.kind().code(), e.getMessage(), e));
        }
        if (tokens.isEmpty()) {
            return new LineResult(true, false, null);
        }
        if (tokens.size() == 1 && (tokens.get(0).equals("exit") || tokens.get(0).equals("quit"))) {
            return new LineResult(false, true, null);
        }
        return new LineResult(false, false, run(tokens, ctx));
    }

    public static Outcome run(List<String> line, Context ctx) {
        List<String> tokens = new ArrayList<>(line);
        String name = tokens.isEmpty() ? "" : tokens.get(0);
        GlobalOptions shown = ctx.global();
        try {
            shown = ctx.global().merge(GlobalOptions.extract(tokens));
            return runParsed(tokens, ctx.withGlobal(shown)).shownWith(shown);
        } catch (MemosException e) {
            return Outcome.error(name, ExitCodes.of(e.kind()), e.kind().code(), e.getMessage(), e).shownWith(shown);
        }
    }

    private static Outcome runParsed(List<String> tokens, Context ctx) {
        String name = tokens.isEmpty() ? "" : tokens.get(0);
        try {
            CommandCatalog.Match match = ctx.catalog().resolve(tokens);
            name = match.command().spec().name();
            Args args = ArgParser.parse(match.command().spec(), tokens.subList(match.consumed(), tokens.size()));
            ctx.session().expireIfIdle();
            CommandResult result = match.command().run(args, ctx);
            String reason = ctx.session().takeLockReason();
            if (reason != null) {
                result = result.withWarnings(List.of(reason));
            }
            return Outcome.ok(name, result);
        } catch (MemosException e) {
            return Outcome.error(name, ExitCodes.of(e.kind()), e.kind().code(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(name, ExitCodes.INTERRUPTED, ErrorKind.INTERRUPTED.code(), "interrupted", e);
        } catch (NoSuchFileException e) {
            return Outcome.error(name, ExitCodes.FAILURE, ErrorKind.FAILURE.code(),
                    "no such file: " + e.getFile() + ": check the path", e);
        } catch (AccessDeniedException e) {
            return Outcome.error(name, ExitCodes.FAILURE, ErrorKind.FAILURE.code(),
                    "permission denied: " + e.getFile() + ": check its owner and mode", e);
        } catch (IOException | UncheckedIOException e) {
            return Outcome.error(name, ExitCodes.FAILURE, ErrorKind.FAILURE.code(), "I/O error: " + oneLine(e.getMessage()), e);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // A bug, not a user error: say so without a stack trace unless --debug asks for one.
            return Outcome.error(name, ExitCodes.FAILURE, ErrorKind.FAILURE.code(),
                    "internal error (" + e.getClass().getSimpleName() + "): rerun with --debug and report it", e);
        } finally {
            ctx.closeProgress();
            RecoveryNotices.flush(ctx);
        }
    }

    static String oneLine(String s) {
        if (s == null) {
            return "(no detail)";
        }
        String line = s.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
