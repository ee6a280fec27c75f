package dev.memos.shell;

import dev.memos.crypto.Passphrase;
import dev.memos.error.MemosException;
import java.io.Console;

/** Reads a secret without echo. Pipe and one-shot modes without a terminal have none and say so. */
public interface SecretPrompt {
    /** Returns the typed secret; the caller closes (wipes) it. */
    Passphrase read(String prompt);

    boolean available();

    /** For modes with no terminal: every request fails with the way to provide the secret instead. */
    static SecretPrompt none() {
        return new SecretPrompt() {
            @Override
            public Passphrase read(String prompt) {
                throw MemosException.auth("no terminal to ask for the secret (" + prompt.strip()
                        + "): provide it through the environment (see 'memos help unlock')");
            }

            @Override
            public boolean available() {
                return false;
            }
        };
    }

    /** java.io.Console's readPassword: no echo, returns char[]. */
    static SecretPrompt console(Console console) {
        return new SecretPrompt() {
            @Override
            public Passphrase read(String prompt) {
                char[] chars = console.readPassword("%s", prompt);
                if (chars == null) {
                    throw new MemosException(dev.memos.error.ErrorKind.INTERRUPTED, "input closed while reading a secret");
                }
                return Passphrase.adopt(chars);
            }

            @Override
            public boolean available() {
                return true;
            }
        };
    }
}
