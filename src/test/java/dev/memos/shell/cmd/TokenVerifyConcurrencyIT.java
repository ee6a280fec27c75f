package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.store.HomeLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §4b for the replay cache: concurrent {@code token verify} processes on one home wait for
 * the replay lock (bounded) instead of failing; past the bound they exit 7 (busy) and consume nothing.
 */
class TokenVerifyConcurrencyIT {
    @TempDir
    Path home;
    @TempDir
    Path logs;

    record Result(int exit, String out, String err) {
    }

    private Process start(String name, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("memos.jar", "target/memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("ETH_PRIVATE_KEY");
        pb.environment().put("MEMOS_HOME", home.toString());
        pb.environment().putAll(env);
        pb.redirectOutput(logs.resolve(name + ".out").toFile());
        pb.redirectError(logs.resolve(name + ".err").toFile());
        return pb.start();
    }

    private Result finish(String name, Process p) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "memos did not finish");
        return new Result(p.exitValue(), Files.readString(logs.resolve(name + ".out"), StandardCharsets.UTF_8).strip(),
                Files.readString(logs.resolve(name + ".err"), StandardCharsets.UTF_8).strip());
    }

    private Result memos(Map<String, String> env, String... args) throws Exception {
        return finish("run", start("run", env, args));
    }

    private List<String> issue(int n) throws Exception {
        assertEquals(0, memos(Map.of(), "id", "generate", "--name", "nova").exit());
        assertEquals(0, memos(Map.of(), "token", "keygen", "skill:weather").exit());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Result r = memos(Map.of(), "token", "issue", "--skill", "skill:weather", "--ttl", "300");
            assertEquals(0, r.exit(), r.err());
            tokens.add(r.out());
        }
        return tokens;
    }

    @Test
    void four_concurrent_verifies_of_distinct_tokens_all_succeed() throws Exception {
        List<String> tokens = issue(4);
        List<Process> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(start("v" + i, Map.of(), "token", "verify", tokens.get(i), "--skill", "skill:weather"));
        }
        for (int i = 0; i < 4; i++) {
            Result r = finish("v" + i, running.get(i));
            assertEquals(0, r.exit(), "verify " + i + ": " + r.err());
        }
        for (String t : tokens) {
            Result again = memos(Map.of(), "token", "verify", t, "--skill", "skill:weather");
            assertEquals(3, again.exit(), "every nonce was recorded: " + again.err());
            assertTrue(again.err().contains("replayed_nonce"), again.err());
        }
    }

    @Test
    void a_verifier_held_back_past_the_bound_exits_busy_and_consumes_nothing() throws Exception {
        String token = issue(1).get(0);
        Path replay = home.resolve("tokens").resolve("replay");
        Files.createDirectories(replay);
        Result busy;
        try (HomeLock held = HomeLock.acquire(replay.resolve(".lock"))) {
            busy = memos(Map.of(HomeLock.TIMEOUT_ENV, "1"), "token", "verify", token, "--skill", "skill:weather");
        }
        assertEquals(7, busy.exit(), busy.err());
        assertTrue(busy.err().contains("pid " + ProcessHandle.current().pid()) && busy.err().contains("replay"), busy.err());
        assertEquals(1, busy.err().lines().count(), busy.err());
        Result after = memos(Map.of(), "token", "verify", token, "--skill", "skill:weather");
        assertEquals(0, after.exit(), "the busy run consumed nothing: " + after.err());
    }
}
