package dev.memos.archfixture;

import java.io.IOException;

/** Violates the child-process rule: starts a program with the parent's whole environment. */
public final class ProcessOutsideFactory {
    private ProcessOutsideFactory() {
    }

    public static Process start(String program) throws IOException {
        return new ProcessBuilder(program).start();
    }

    @SuppressWarnings("deprecation")
    public static Process exec(String program) throws IOException {
        return Runtime.getRuntime().exec(program);
    }
}
