package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed "Crash (kill -9) → last ~1 memory lost at most": 120 SIGKILLs at random points of add/promote. */
class RingCrashIT {
    private static final int KILLS = 120;

    @TempDir
    Path home;

    @Test
    void sigkill_during_add_and_promote_loses_at_most_the_entry_in_flight() throws Exception {
        long ref = System.currentTimeMillis();
        Random random = new Random(20261127);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long lastAcked = 0;
        for (int run = 0; run < KILLS; run++) {
            // Output goes to a file, not a pipe: what the driver wrote before the kill is all there, with no reader race.
            Path log = home.resolve("driver-" + run + ".out");
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    RingCrashDriver.class.getName(), home.resolve("home").toString(), Long.toString(ref))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(log) && Files.readString(log).startsWith("ready")) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(Files.readString(log).startsWith("ready"), "run " + run + ": the store did not load");
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly(); // SIGKILL on Linux
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("ok ")) {
                    lastAcked = Long.parseLong(line.substring(3));
                }
            }
            RingFixture f = new RingFixture(home.resolve("home"));
            RingStore s = f.openReadOnly();
            long adds = s.status().adds();
            assertTrue(adds >= lastAcked && adds <= lastAcked + 1,
                    "run " + run + ": " + lastAcked + " adds acknowledged, store has " + adds);
            lastAcked = adds;
        }
        assertTrue(lastAcked > KILLS / 2, "the driver made progress between kills: " + lastAcked);
    }
}
