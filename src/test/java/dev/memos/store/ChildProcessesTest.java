package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.testing.ProcessTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessesTest {
    static final Map<String, String> PARENT = Map.of(
            "PATH", "/usr/bin:/bin", "HOME", "/home/agent", "LANG", "C.UTF-8",
            "ETH_PRIVATE_KEY", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
            "MEMOS_TEST_ALLOWED", "allowed-value", "MEMOS_TEST_OTHER", "other-value");

    @TempDir
    Path dir;

    @Test
    void child_receives_only_the_base_names_and_the_allow_listed_ones() throws Exception {
        ChildProcesses cp = ChildProcesses.builder().parentEnvironment(PARENT).allow(List.of("MEMOS_TEST_ALLOWED")).build();
        String env = run(cp, "/usr/bin/env");
        assertEquals(List.of("HOME=/home/agent", "LANG=C.UTF-8", "MEMOS_TEST_ALLOWED=allowed-value", "PATH=/usr/bin:/bin"),
                env.lines().sorted().toList());
    }

    @Test
    void denied_names_are_not_passed_even_when_allow_listed() throws Exception {
        ChildProcesses cp = ChildProcesses.builder().parentEnvironment(PARENT)
                .allow(List.of("ETH_PRIVATE_KEY", "MEMOS_TEST_ALLOWED")).deny(List.of("ETH_PRIVATE_KEY")).build();
        String env = run(cp, "/usr/bin/env");
        assertFalse(env.contains("ETH_PRIVATE_KEY"), env);
        assertFalse(env.contains("4c0883a6"), env);
        assertTrue(env.contains("MEMOS_TEST_ALLOWED=allowed-value"), env);
    }

    @Test
    void the_jvm_environment_is_not_inherited() throws Exception {
        // the test JVM's own variables (e.g. JAVA_HOME, USER, MAVEN_*) are not on the list
        ChildProcesses cp = ChildProcesses.builder().build();
        for (String line : run(cp, "/usr/bin/env").lines().toList()) {
            String name = line.substring(0, line.indexOf('='));
            assertTrue(ChildProcesses.BASE_NAMES.contains(name), line);
        }
    }

    @Test
    void destroy_tree_ends_grandchildren_that_ignore_term() throws Exception {
        Path pids = dir.resolve("pids");
        Path script = ProcessTrees.script(dir, "tree.sh", ProcessTrees.FORKS_AND_IGNORES_TERM);
        Process p = ChildProcesses.builder().build().start(List.of(script.toString(), pids.toString()));
        List<Long> started = ProcessTrees.pids(pids, 3);
        for (long pid : started) {
            assertTrue(ProcessTrees.running(pid), "not started: " + pid);
        }
        ChildProcesses.destroyTree(p, Duration.ofMillis(200));
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        for (long pid : started) {
            assertFalse(ProcessTrees.running(pid), "still running after destroyTree: pid " + pid);
        }
    }

    private static String run(ChildProcesses cp, String program) throws Exception {
        Process p = cp.start(List.of(program));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }
}
