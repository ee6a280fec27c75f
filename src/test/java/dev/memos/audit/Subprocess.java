package dev.memos.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar (or a test-scope main on its class path) in a child JVM for the *IT tests. */
final class Subprocess {
    record Result(int exit, String out, String err) {
    }

    private Subprocess() {
    }

    static Path jar() {
        return Path.of(System.getProperty("memos.jar", "target/memos.jar")).toAbsolutePath();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar, its lib/ and the test classes: lets a test main use the production code as packaged. */
    static String testClassPath() {
        Path root = Path.of(System.getProperty("memos.root", ".")).toAbsolutePath();
        return root.resolve("target/test-classes") + java.io.File.pathSeparator + jar() + java.io.File.pathSeparator
                + jar().getParent().resolve("lib") + "/*";
    }

    static ProcessBuilder appendLoop(Path home, long count, int batch) {
        return new ProcessBuilder(java(), "-cp", testClassPath(), AppendLoop.class.getName(), home.toString(),
                Long.toString(count), Integer.toString(batch));
    }

    static Result memos(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("MEMOS_HOME", home.toString());
        env.remove("ETH_PRIVATE_KEY");
        return run(pb);
    }

    static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Path out = Files.createTempFile("memos-it", ".out");
        Path err = Files.createTempFile("memos-it", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + pb.command());
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
