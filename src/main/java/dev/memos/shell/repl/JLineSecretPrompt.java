package dev.memos.shell.repl;

import dev.memos.crypto.Passphrase;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.shell.SecretPrompt;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * No-echo secret input through the REPL's own LineReader: a mask character of 0 shows nothing,
 * and JLine never adds masked input to history. The reader exists only once Spring has started,
 * so it is attached later.
 */
public final class JLineSecretPrompt implements SecretPrompt {
    private volatile LineReader reader;

    void attach(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public Passphrase read(String prompt) {
        LineReader r = reader;
        if (r == null) {
            throw MemosException.auth("the terminal is not ready to ask for a secret");
        }
        try {
            String typed = r.readLine(prompt, '\0');
            // JLine hands back a String; we move it into a char[] at once and keep no reference.
            return Passphrase.adopt(typed.toCharArray());
        } catch (UserInterruptException | EndOfFileException e) {
            throw new MemosException(ErrorKind.INTERRUPTED, "secret entry cancelled");
        }
    }

    @Override
    public boolean available() {
        return reader != null;
    }
}
