package dev.memos.shell;

/** How this process was started; decides prompts, colours and output framing. */
public enum Mode {
    INTERACTIVE, ONE_SHOT, SCRIPT, PIPE
}
