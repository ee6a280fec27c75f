package dev.memos.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launcher (scripts/memos) in a child process with a private MEMOS_HOME. */
public final class MemosProcess {
    public static final Path ROOT = Path.of(System.getProperty("memos.root", ".")).toAbsolutePath().normalize();
    public static final Path LAUNCHER = ROOT.resolve("scripts/memos");

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public MemosProcess(Path home) {
        this.home = home;
        env.put("MEMOS_HOME", home.toString());
        // The JVM running the tests runs memos too, so JDK 17 and 25 runs each test themselves.
        env.put("MEMOS_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("NO_COLOR", "1");
    }

    public MemosProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public Path home() {
        return home;
    }

    /** Result of a finished run. */
    public record Result(int exit, String out, String err) {
        public List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    public Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        Process p = start(args);
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = pump(p.getInputStream(), out);
        Thread t2 = pump(p.getErrorStream(), err);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("memos " + String.join(" ", args) + " did not finish in 120 s");
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("ETH_PRIVATE_KEY");
        pb.environment().remove("MEMOS_PASSPHRASE");
        pb.environment().putAll(env);
        pb.directory(ROOT.toFile());
        return pb.start();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process ended; what was read is what we report
            }
        });
        t.start();
        return t;
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
