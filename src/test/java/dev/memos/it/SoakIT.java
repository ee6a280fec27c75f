package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak: one pipe-mode process (--json) runs N mixed commands (unlock/lock cycles, memory writes and
 * searches, token issues, audit reads, id validation, config reads and writes, help, typos), and its
 * heap after a full GC may not grow by more than a bound between the end of warm-up and the end.
 *
 * Off by default. -Dmemos.soak.commands=100000 is the full run (the reliability profile);
 * -Dmemos.soak.commands=20000 -Dmemos.soak.seconds=110 is the CI variant (stops early at the time
 * bound and reports how many ran). The heap is read with jcmd GC.run + GC.heap_info on SerialGC
 * (sum of the generations' "used", so the figure is the live set after a full collection).
 */
class SoakIT {
    static final int COMMANDS = Integer.getInteger("memos.soak.commands", 0);
    static final int SECONDS = Integer.getInteger("memos.soak.seconds", 3600);
    static final long MAX_GROWTH_KB = Long.getLong("memos.soak.maxGrowthKb", 8 * 1024);
    static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");
    static final Pattern META = Pattern.compile("Metaspace\\s+used (\\d+)K");

    @TempDir
    Path tmp;

    /** One cycle of 20 commands; every 10th cycle also writes a memory (fsync'd: the slow part). */
    static List<String> cycle(int i) {
        List<String> c = new ArrayList<>(List.of(
                "unlock", "whoami", "version", "config get profile", "id validate CW-NOVA.R7KMX2-AA",
                "id validate CW-NOVA.R7KMX2-AB", "nosuch command", "help config set", "mem search budget",
                "token issue --skill skill:weather --ttl 60 --scope weather:read", "audit tail --lines 2", "id list",
                "config list", "wallet address", "mem show", "whoami", "verison", "id status", "config get session.idle-timeout-minutes",
                "lock"));
        if (i % 10 == 0) {
            c.set(16, "mem add \"soak memory " + i + " about the budget\" --kind note");
        }
        return c;
    }

    @Test
    void pipe_mode_heap_after_gc_stays_bounded() throws Exception {
        Assumptions.assumeTrue(COMMANDS > 0, "soak runs with -Dmemos.soak.commands=N");
        Path home = tmp.resolve("home");
        MemosProcess m = new MemosProcess(home).env("ETH_PRIVATE_KEY", KEY).env("MEMOS_PASSPHRASE", "soak pass");
        assertEquals(0, m.run("id", "generate", "--name", "SOAK").exit());
        assertEquals(0, m.run("token", "keygen", "skill:weather").exit());
        m.env("MEMOS_JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m");
        Process p = m.start("--json");
        AtomicLong answered = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("\"exit\":1,") || line.contains("\"exit\":4,")) {
                        failures.incrementAndGet();
                    }
                    answered.incrementAndGet();
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // ended
            }
        });
        drain.start();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(SECONDS);
        long warmup = Math.max(2000, COMMANDS / 10);
        long sent = 0;
        long baseline = -1;
        long baselineMeta = -1;
        List<Long> samples = new ArrayList<>();
        OutputStream in = p.getOutputStream();
        for (int i = 0; sent < COMMANDS && System.nanoTime() < deadline; i++) {
            StringBuilder b = new StringBuilder();
            for (String c : cycle(i)) {
                b.append(c).append('\n');
                sent++;
            }
            in.write(b.toString().getBytes(StandardCharsets.UTF_8));
            in.flush();
            // keep at most a few cycles in flight, so a measurement sees a quiet process
            while (sent - answered.get() > 200 && p.isAlive()) {
                Thread.sleep(1);
            }
            if (baseline < 0 && sent >= warmup || sent / (COMMANDS / 4 + 1) != (sent - 20) / (COMMANDS / 4 + 1)) {
                settle(sent, answered, p);
                long[] h = heapAfterGc(p.pid());
                samples.add(h[0]);
                if (baseline < 0 && sent >= warmup) {
                    baseline = h[0];
                    baselineMeta = h[1];
                }
            }
        }
        settle(sent, answered, p);
        long[] end = heapAfterGc(p.pid());
        samples.add(end[0]);
        in.close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        reader.join();
        double secs = (System.nanoTime() - start) / 1e9;
        long growth = end[0] - baseline;
        Path out = Path.of(System.getProperty("memos.root", "."), "target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("soak.tsv"),
                "commands\tseconds\tcommands_per_second\theap_after_gc_warm_kb\theap_after_gc_end_kb\tgrowth_kb\tbound_kb\tmetaspace_growth_kb\tfailures\tsamples_kb\n"
                        + sent + "\t" + Math.round(secs) + "\t" + Math.round(sent / secs) + "\t" + baseline + "\t" + end[0] + "\t" + growth
                        + "\t" + MAX_GROWTH_KB + "\t" + (end[1] - baselineMeta) + "\t" + failures.get() + "\t" + samples + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(sent, answered.get(), "every command got exactly one JSON answer");
        assertEquals(0, failures.get(), "no command failed with FAILURE or INTEGRITY");
        assertTrue(baseline > 0, "a warm baseline was taken");
        assertTrue(growth <= MAX_GROWTH_KB, "heap after GC grew " + growth + " KB (bound " + MAX_GROWTH_KB + " KB): " + samples);
    }

    private static void settle(long sent, AtomicLong answered, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered.get() < sent && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(sent, answered.get(), "the process answers every command");
    }

    /** [heap used after a full GC, metaspace used] in KB. */
    static long[] heapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        Matcher u = USED.matcher(info);
        while (u.find()) {
            used += Long.parseLong(u.group(1));
        }
        Matcher mm = META.matcher(info);
        long meta = mm.find() ? Long.parseLong(mm.group(1)) : -1;
        assertTrue(used > 0, "GC.heap_info: " + info);
        return new long[] {used, meta};
    }

    static String jcmd(long pid, String what) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process j = new ProcessBuilder(jcmd, Long.toString(pid), what).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(j.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
