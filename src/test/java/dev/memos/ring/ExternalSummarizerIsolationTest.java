package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crash.CrashHarness;
import dev.memos.testing.ProcessTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a configured summariser (possibly a remote model) receives from memos, and what it leaves behind. */
class ExternalSummarizerIsolationTest {
    static final Map<String, String> SECRETS = Map.of(
            "ETH_PRIVATE_KEY", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
            "MEMOS_PASSPHRASE", "probe-identity-passphrase-7f3a",
            "MEMOS_EXPORT_PASSPHRASE", "probe-export-passphrase-91c2",
            "MEMOS_HSM_PIN", "probe-hsm-pin-5520");

    @TempDir
    Path dir;

    @Test
    void summariser_sees_no_secret_name_or_value_while_the_parent_holds_all_four() throws Exception {
        Path dump = dir.resolve("env.txt");
        Path script = ProcessTrees.script(dir, "env.sh", "env >\"$1\"\necho summary-from-probe\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", CrashHarness.classPath(), SummariserEnvProbe.class.getName(),
                script + " " + dump, "MEMOS_TEST_ALLOWED").redirectErrorStream(true);
        pb.environment().putAll(SECRETS);
        pb.environment().put("MEMOS_TEST_ALLOWED", "allowed-value");
        pb.environment().put("MEMOS_TEST_NOT_ALLOWED", "not-allowed-value");
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("summary=summary-from-probe"), out);

        String env = Files.readString(dump);
        for (Map.Entry<String, String> s : SECRETS.entrySet()) {
            assertFalse(env.contains(s.getKey()), s.getKey() + " reached the summariser");
            assertFalse(env.contains(s.getValue()), "the value of " + s.getKey() + " reached the summariser");
        }
        assertTrue(env.lines().anyMatch("MEMOS_TEST_ALLOWED=allowed-value"::equals), env);
        assertTrue(env.lines().anyMatch("LANG=C.UTF-8"::equals), env);
        assertTrue(env.lines().anyMatch(l -> l.startsWith("PATH=")), env);
        assertFalse(env.contains("MEMOS_TEST_NOT_ALLOWED"), env);
    }

    @Test
    void timeout_ends_the_summariser_and_grandchildren_that_ignore_term() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = ProcessTrees.script(dir, "hang.sh", ProcessTrees.FORKS_AND_IGNORES_TERM);
        SummaryService service = new SummaryService(new ExternalSummarizer(script + " " + pids, Duration.ofSeconds(2)));
        SummaryService.Result r = service.summarize(List.of("Keep this."), 100);
        assertTrue(r.fallback());
        assertEquals("Keep this.", r.text());
        List<Long> started = ProcessTrees.pids(pids, 3);
        for (long pid : started) {
            assertFalse(ProcessTrees.running(pid), "left running after the timeout: pid " + pid);
        }
    }
}
