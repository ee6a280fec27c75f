package dev.memos.shell;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a {@code .memos} file: one command a line, blank lines and {@code #} comments skipped.
 * Stops at the first failing line and reports it as {@code FILE:LINE: error}, unless keep-going.
 */
public final class ScriptRunner {
    private static final int MAX_DEPTH = 8;
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private ScriptRunner() {
    }

    /** Result of a script: lines run and failed. Failure is signalled by a thrown MemosException. */
    public record Summary(int run, int failed) {
    }

    public static Summary run(Path file, boolean keepGoing, Context ctx, Printer printer) {
        List<String> lines = read(file);
        int depth = DEPTH.get();
        if (depth >= MAX_DEPTH) {
            throw MemosException.usage("scripts nest deeper than " + MAX_DEPTH + " levels: check " + file + " for a 'run' loop");
        }
        DEPTH.set(depth + 1);
        try {
            return runLines(file.toString(), lines, keepGoing, ctx, printer);
        } finally {
            DEPTH.set(depth);
        }
    }

    private static Summary runLines(String name, List<String> lines, boolean keepGoing, Context ctx, Printer printer) {
        int run = 0;
        int failed = 0;
        Outcome firstFailure = null;
        int firstFailureLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            Dispatcher.LineResult r = Dispatcher.runLine(lines.get(i), ctx);
            if (r.blank()) {
                continue;
            }
            if (r.exit()) {
                break;
            }
            Outcome outcome = r.outcome();
            run++;
            // Under --json every line gets its object; for people a failing line is reported once, as FILE:LINE.
            if (outcome.ok() || ctx.global().json()) {
                printer.print(outcome, ctx.global());
            }
            if (outcome.ok()) {
                continue;
            }
            failed++;
            if (firstFailure == null) {
                firstFailure = outcome;
                firstFailureLine = i + 1;
            }
            if (!keepGoing) {
                break;
            }
            printer.scriptError(name, i + 1, outcome, ctx.global());
        }
        if (firstFailure != null) {
            ErrorKind kind = ErrorKind.fromCode(firstFailure.errorCode());
            String message = keepGoing
                    ? failed + " of " + run + " lines failed in " + name + ", first at " + name + ":" + firstFailureLine
                            + ": " + firstFailure.errorMessage()
                    : name + ":" + firstFailureLine + ": " + firstFailure.errorMessage();
            throw new MemosException(kind, message);
        }
        return new Summary(run, failed);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw MemosException.usage("no such script: " + file + ": check the path");
        } catch (MalformedInputException e) {
            throw MemosException.usage(file + " is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
