package dev.memos.shell;

/** The REPL; replaced by the Spring Shell front end. */
final class InteractiveShell {
    private InteractiveShell() {
    }

    static int run(Context ctx, Printer printer) throws Exception {
        return PipeRunner.run(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8)), ctx, printer);
    }
}
