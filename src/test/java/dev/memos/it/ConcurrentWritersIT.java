package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 §4b: parallel processes on one home never lose an acknowledged write and never raise a
 * false rollback alarm. Each worker is its own OS process (the real launcher in pipe mode, so one JVM
 * start per worker runs 50 commands); all four hammer the same identity, config, audit log, pin file
 * and replay cache at once.
 */
class ConcurrentWritersIT {
    static final int WORKERS = 4;
    static final int OPS = 50;
    /** One distinct key per worker: each worker's last value must survive the others' writes. */
    static final String[] KEYS = {"rings.ring1-entries", "rings.ring2-entries", "summarizer.timeout-seconds",
        "session.idle-timeout-minutes"};

    @TempDir
    Path tmp;

    /** The commands of one worker: memory writes, token issues, its config key, audit reads. */
    static List<String> workload(int w) {
        List<String> ops = new ArrayList<>();
        for (int j = 0; ops.size() < OPS; j++) {
            switch (j % 10) {
                case 6 -> ops.add("token issue --skill skill:w" + w + " --ttl 300 --scope s:" + j);
                case 7 -> ops.add("config set " + KEYS[w] + " " + (100 + j));
                case 8 -> ops.add("audit tail --lines 1");
                default -> ops.add("mem add \"w" + w + " memory " + j + "\"");
            }
        }
        return ops;
    }

    /** Runs {@code lines} through one pipe-mode process and returns one JSON answer per command. */
    static List<JsonNode> pipe(MemosProcess m, List<String> lines) throws IOException, InterruptedException {
        Process p = m.start("--json");
        List<JsonNode> answers = new ArrayList<>();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process died; the missing answers fail the test
            }
        });
        feeder.start();
        Thread errPump = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // nothing to report
            }
        });
        errPump.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (!l.isBlank()) {
                    answers.add(Json.mapper().readTree(l));
                }
            }
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "a worker did not finish");
        feeder.join();
        errPump.join();
        return answers;
    }

    static <T> List<T> parallel(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (Callable<T> j : jobs) {
                fs.add(pool.submit(j));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get(600, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private MemosProcess home() throws Exception {
        MemosProcess m = new MemosProcess(tmp.resolve("home"));
        assertEquals(0, m.run("id", "generate", "--name", "NOVA").exit());
        // Anti-flood and ring-0 limits high enough that every memory stays verbatim in ring 0.
        assertEquals(0, m.run("config", "set", "rings.writes-per-minute", "100000").exit());
        assertEquals(0, m.run("config", "set", "rings.ring0-bytes", "32768").exit());
        assertEquals(0, m.run("config", "set", "rings.budget-bytes", "65536").exit());
        for (int w = 0; w < WORKERS; w++) {
            assertEquals(0, m.run("token", "keygen", "skill:w" + w).exit());
        }
        return m;
    }

    @Test
    void four_processes_of_mixed_writes_lose_nothing_and_raise_no_false_alarm() throws Exception {
        MemosProcess m = home();
        List<Callable<List<JsonNode>>> writers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<String> ops = workload(w);
            writers.add(() -> pipe(m, ops));
        }
        List<List<JsonNode>> answers = parallel(writers);

        List<String> acknowledged = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<String> ops = workload(w);
            List<JsonNode> a = answers.get(w);
            assertEquals(ops.size(), a.size(), "worker " + w + " answered every command: " + a);
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                JsonNode r = a.get(i);
                assertEquals(0, r.path("exit").asInt(), "worker " + w + " '" + ops.get(i) + "' failed: " + r);
                if (ops.get(i).startsWith("mem add")) {
                    acknowledged.add(ops.get(i).substring(9, ops.get(i).length() - 1));
                }
                if (ops.get(i).startsWith("token issue")) {
                    mine.add(r.path("result").path("token").asText());
                }
            }
            tokens.add(mine);
        }
        assertEquals(WORKERS * 35, acknowledged.size());

        // Second wave: every worker verifies its own (distinct) tokens while the others write memories:
        // the first use pins each skill's key, so the pin file and the replay cache are contended too.
        List<Callable<List<JsonNode>>> verifiers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<String> ops = new ArrayList<>();
            for (String t : tokens.get(w)) {
                assertTrue(t.startsWith("cit1."), t);
                ops.add("token verify " + t + " --skill skill:w" + w);
                ops.add("mem add \"w" + w + " second wave " + ops.size() + "\"");
            }
            List<String> fixed = List.copyOf(ops);
            verifiers.add(() -> {
                List<JsonNode> a = pipe(m, fixed);
                assertEquals(fixed.size(), a.size(), "every command answered: " + a);
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(0, a.get(i).path("exit").asInt(), fixed.get(i) + ": " + a.get(i));
                }
                return a;
            });
            fixed.stream().filter(o -> o.startsWith("mem add")).forEach(o -> acknowledged.add(o.substring(9, o.length() - 1)));
        }
        parallel(verifiers);

        MemosProcess.Result shown = m.run("--json", "mem", "show");
        assertEquals(0, shown.exit(), shown.err());
        for (String text : acknowledged) {
            assertTrue(shown.out().contains("\"" + text + "\""), "acknowledged memory lost: " + text);
        }
        MemosProcess.Result verify = m.run("audit", "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        MemosProcess.Result anomalies = m.run("audit", "query", "--event", "anomaly");
        assertFalse(anomalies.out().contains("rollback"), "false rollback alarm: " + anomalies.out());
        for (int w = 0; w < WORKERS; w++) {
            MemosProcess.Result v = m.run("config", "get", KEYS[w]);
            assertEquals(String.valueOf(100 + 47), v.out().strip().replaceAll(".*= ", ""), KEYS[w] + ": " + v.out());
        }
    }

    @Test
    void four_concurrent_config_set_of_different_keys_are_all_kept() throws Exception {
        MemosProcess m = new MemosProcess(tmp.resolve("cfg"));
        Map<String, String> want = Map.of(KEYS[0], "111", KEYS[1], "222", KEYS[2], "33", KEYS[3], "44");
        List<Callable<MemosProcess.Result>> jobs = new ArrayList<>();
        want.forEach((k, v) -> jobs.add(() -> m.run("config", "set", k, v)));
        for (MemosProcess.Result r : parallel(jobs)) {
            assertEquals(0, r.exit(), r.err());
        }
        MemosProcess.Result list = m.run("--json", "config", "list");
        Map<String, String> kept = new java.util.HashMap<>();
        Json.mapper().readTree(list.out()).path("result").path("config")
                .forEach(e -> kept.put(e.path("key").asText(), e.path("value").asText()));
        want.forEach((k, v) -> assertEquals(v, kept.get(k), k + " lost: " + list.out()));
    }

    @Test
    void mem_add_behind_a_held_lock_exits_busy_naming_the_holder_and_writes_nothing() throws Exception {
        MemosProcess m = new MemosProcess(tmp.resolve("busy"));
        assertEquals(0, m.run("id", "generate", "--name", "NOVA").exit());
        assertEquals(0, m.run("mem", "add", "before the lock").exit());
        String id = m.run("id", "list").out().strip().split("\\s+")[0];
        Path lock = m.home().resolve("identities").resolve(id).resolve("rings").resolve(".lock");
        Path rings = lock.resolveSibling("rings.bin");
        byte[] before = java.nio.file.Files.readAllBytes(rings);
        String cp = String.join(java.io.File.pathSeparator, MemosProcess.ROOT.resolve("target/classes").toString(),
                MemosProcess.ROOT.resolve("target/test-classes").toString(), MemosProcess.ROOT.resolve("target/lib") + "/*");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                dev.memos.identity.HoldLockMain.class.getName(), lock.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            MemosProcess.Result r = m.env("MEMOS_LOCK_TIMEOUT", "1").run("mem", "add", "behind the lock");
            assertEquals(7, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("pid " + holder.pid()) && r.err().contains(lock.toString()), r.err());
            assertTrue(java.util.Arrays.equals(before, java.nio.file.Files.readAllBytes(rings)), "nothing was written");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        MemosProcess.Result after = m.run("mem", "add", "after the lock");
        assertEquals(0, after.exit(), after.err());
    }
}
