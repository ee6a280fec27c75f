package dev.memos.shell;

/**
 * A shell command: a spec for parsing/help/completion and a thin {@code run} that calls the core and
 * returns what to print. One command per file under {@code dev.memos.shell.cmd}.
 */
public interface Command {
    CommandSpec spec();

    CommandResult run(Args args, Context ctx) throws Exception;
}
