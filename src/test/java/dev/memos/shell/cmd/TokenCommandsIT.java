package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar in a subprocess: a replay is refused across two separate processes. */
class TokenCommandsIT {
    @TempDir
    Path home;

    record Result(int exit, String out, String err) {
    }

    private Result memos(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("memos.jar", "target/memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MEMOS_HOME", home.toString());
        pb.redirectOutput(home.resolveSibling(home.getFileName() + ".out").toFile());
        pb.redirectError(home.resolveSibling(home.getFileName() + ".err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "memos did not finish");
        return new Result(p.exitValue(),
                Files.readString(home.resolveSibling(home.getFileName() + ".out"), StandardCharsets.UTF_8).strip(),
                Files.readString(home.resolveSibling(home.getFileName() + ".err"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void replay_is_refused_by_a_second_process() throws Exception {
        Result gen = memos("--json", "id", "generate", "--name", "nova");
        assertEquals(0, gen.exit(), gen.err());
        String nova = dev.memos.encoding.Json.mapper().readTree(gen.out()).path("result").path("id").asText();
        assertEquals(0, memos("token", "keygen", "skill:weather").exit());
        Result issued = memos("token", "issue", "--skill", "skill:weather", "--scope", "weather:read");
        assertEquals(0, issued.exit(), issued.err());
        Result first = memos("token", "verify", issued.out(), "--skill", "skill:weather");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains(nova));
        Result second = memos("token", "verify", issued.out(), "--skill", "skill:weather");
        assertEquals(3, second.exit());
        assertTrue(second.err().contains("replayed_nonce"), second.err());
    }
}
