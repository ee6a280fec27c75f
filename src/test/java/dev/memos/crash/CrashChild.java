package dev.memos.crash;

import java.io.PrintStream;
import java.nio.file.Path;

/** The child JVM of {@link CrashHarness}: runs one workload's write loop; args: WORKLOAD_CLASS DIR. */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        CrashWorkload w = (CrashWorkload) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        PrintStream out = System.out;
        // stdout is a file (the parent's ack log): one line per acknowledged write, flushed at once
        w.writeLoop(Path.of(args[1]), n -> {
            out.println("ack " + n);
            out.flush();
        });
    }
}
