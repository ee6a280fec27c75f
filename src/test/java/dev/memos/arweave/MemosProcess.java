package dev.memos.arweave;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar (system property memos.jar) with a given home and key, as a user would. */
final class MemosProcess {
    record Run(int exit, String out, String err) {
    }

    private final Path home;
    private final String ethKey;

    MemosProcess(Path home, String ethKey) {
        this.home = home;
        this.ethKey = ethKey;
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("memos.jar", "target/memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("MEMOS_HOME", home.toString());
        env.put("ETH_PRIVATE_KEY", ethKey);
        env.remove("ARWEAVE_JWK_PATH");
        Path out = Files.createTempFile("memos-out", ".txt");
        Path err = Files.createTempFile("memos-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("memos did not finish: " + String.join(" ", args));
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Points a fresh home at MEMOS_DEVNET_URL when it is not the default. */
    void useDevnet() throws IOException, InterruptedException {
        String url = Devnet.url().toString();
        if (!url.equals("http://127.0.0.1:1984")) {
            run("config", "set", "local.node", url);
        }
    }
}
