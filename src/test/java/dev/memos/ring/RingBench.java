package dev.memos.ring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Manual benchmark (not a test): promotion at full budget and chain verification of a ten-year history. */
public final class RingBench {
    private RingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("ringbench");
        RingFixture f = new RingFixture(home);
        f.limits = RingLimits.defaults().withRates(1_000_000, 1_000_000);
        RingStore s = f.open();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = 0;
        while (Files.size(s.file()) < f.limits.totalBudget() - 2048 || n < 200) {
            s.add("Memory " + n + ": a realistic sentence about work, people and plans for the next sprint.", "note");
            f.clock.advance(Duration.ofMinutes(3));
            n++;
        }
        double addMs = (System.nanoTime() - t0) / 1e6 / n;
        double addCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / n;
        f.clock.advance(Duration.ofHours(25));
        long p0 = System.nanoTime();
        RingStore.PromotionResult p = s.promote();
        double promoteMs = (System.nanoTime() - p0) / 1e6;
        System.out.printf("in-process add: %.2f ms/add wall, %.2f ms/add CPU over %d adds (file %d bytes, load average %.1f)%n",
                addMs, addCpuMs, n, Files.size(s.file()), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("promotion at full budget: %.1f ms (%d entries from ring 0)%n", promoteMs, p.fromRing0());

        RingFixture g = new RingFixture(Files.createTempDirectory("ringbench10y"));
        RingStore t = g.open();
        for (int week = 0; week < 522; week++) {
            t.add("Week " + week + " summary of what happened.", "note");
            g.clock.advance(Duration.ofDays(7));
        }
        com.fasterxml.jackson.databind.node.ObjectNode proof = RingProofs.prove(t, "bench");
        byte[] json = dev.memos.encoding.Json.mapper().writeValueAsBytes(proof);
        for (int i = 0; i < 200; i++) {
            RingProofs.verifyProof(proof, "bench", null, g.clock.instant().getEpochSecond());
        }
        int runs = 1000;
        long v0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            RingProofs.verifyProof(proof, "bench", null, g.clock.instant().getEpochSecond());
        }
        double verifyUs = (System.nanoTime() - v0) / 1e3 / runs;
        System.out.printf("10-year history: %d months, archive %d bytes, proof %d bytes, verify-proof %.0f µs%n",
                t.status().ring3Months(), t.state.chain.archive.encode().length, json.length, verifyUs);
    }
}
