package dev.memos.crash;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The shared crash-consistency harness: starts a child JVM running a store's write loop, lets it
 * acknowledge at least one write, waits a random 0..maxDelay ms (so the kill lands at a random point
 * of the write path: before, inside or after a temp-write, fsync or rename), SIGKILLs it
 * (Process.destroyForcibly is SIGKILL on Linux: no shutdown hooks, no finally blocks), and then has
 * the workload check its invariants against the last acknowledged write. Repeats {@code kills}
 * times on the same store, so damage from one kill would be found by the next check.
 *
 * Figures go to target/reliability/crash-STORE.tsv for scripts/reliability.
 */
public final class CrashHarness {
    /** Kills per store: 200 in the reliability profile (-Dmemos.crash.kills=200), 10 in the default build. */
    public static final int KILLS = Integer.getInteger("memos.crash.kills", 10);

    private CrashHarness() {
    }

    /** {@code acknowledged}: writes the children acknowledged before their kills, all children together. */
    public record Report(String store, int kills, int killedWhileWriting, long acknowledged, long millis) {
    }

    public static Report run(String store, CrashWorkload workload, Path dir, int kills, long seed) throws Exception {
        long start = System.nanoTime();
        workload.setUp(dir);
        Random random = new Random(seed);
        int whileWriting = 0;
        long acknowledged = 0;
        for (int i = 0; i < kills; i++) {
            Path acks = dir.resolveSibling(dir.getFileName() + "-acks-" + i + ".log");
            Process p = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", classPath(), CrashChild.class.getName(), workload.getClass().getName(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(acks.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAckIn(acks) < 0 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(40));
            boolean alive = p.isAlive();
            p.destroyForcibly();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(store + ": the child did not die after SIGKILL");
            }
            long acked = lastAckIn(acks);
            if (!alive || acked < 0) {
                throw new AssertionError(store + ": the child stopped before it was killed: "
                        + Files.readAllLines(acks, StandardCharsets.UTF_8).stream().limit(30).toList());
            }
            whileWriting++;
            try {
                workload.check(dir, acked);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(store + ": invariant broken after kill " + (i + 1) + " (last acknowledged write "
                        + acked + "): " + e.getMessage(), e);
            }
            acknowledged += Files.readAllLines(acks, StandardCharsets.ISO_8859_1).stream().filter(l -> l.startsWith("ack ")).count();
            Files.delete(acks);
        }
        Report r = new Report(store, kills, whileWriting, acknowledged, (System.nanoTime() - start) / 1_000_000);
        record(r);
        return r;
    }

    /** The last "ack N" in the child's log (a torn last line is ignored), or -1. */
    static long lastAckIn(Path acks) throws IOException {
        if (!Files.exists(acks)) {
            return -1;
        }
        List<String> lines = Files.readAllLines(acks, StandardCharsets.ISO_8859_1);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.matches("ack \\d+") && (i < lines.size() - 1 || Files.readString(acks, StandardCharsets.ISO_8859_1).endsWith("\n"))) {
                return Long.parseLong(l.substring(4));
            }
        }
        return -1;
    }

    private static void record(Report r) throws IOException {
        Path dir = Path.of(System.getProperty("memos.root", "."), "target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("crash-" + r.store() + ".tsv"),
                "store\tkills\tkilled_while_writing\tacknowledged_writes\tinvariant_checks_passed\tmillis\n"
                        + r.store() + "\t" + r.kills() + "\t" + r.killedWhileWriting() + "\t" + r.acknowledged() + "\t"
                        + r.kills() + "\t" + r.millis() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path a child JVM needs to load memos and its test classes (also used by IdentityCrashIT). */
    public static String classPath() {
        String root = System.getProperty("memos.root");
        if (root != null) {
            Path r = Path.of(root);
            return String.join(File.pathSeparator, r.resolve("target/classes").toString(),
                    r.resolve("target/test-classes").toString(), r.resolve("target/lib").toString() + File.separator + "*");
        }
        return System.getProperty("java.class.path");
    }
}
