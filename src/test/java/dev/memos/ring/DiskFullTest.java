package dev.memos.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed "Disk full → writes paused, auto-resume": on a real 256 KiB tmpfs, so ENOSPC comes from the kernel. */
class DiskFullTest {
    @TempDir
    Path mountPoint;

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void disk_full_pauses_writes_without_corruption_and_resumes_when_space_returns() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "tmpfs mounts need Linux");
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.toString()) == 0,
                "cannot mount a size-limited tmpfs here (needs root / CAP_SYS_ADMIN); disk-full behaviour is not tested");
        try {
            RingFixture f = new RingFixture(mountPoint.resolve("home"));
            f.limits = RingLimits.defaults().withRates(10_000, 100_000);
            RingStore s = f.open();
            for (int i = 0; i < 20; i++) {
                s.add("memory " + i + " before the disk fills up", "note");
            }
            Path filler = mountPoint.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException full) {
                // the file system is now full
            }
            MemosException e = assertThrows(MemosException.class, () -> {
                for (int i = 0; i < 50; i++) {
                    f.clock.advance(Duration.ofSeconds(10));
                    s.add("x".repeat(1500) + i, "note");
                }
            });
            assertEquals(ErrorKind.FAILURE, e.kind());
            assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
            long adds = f.open().status().adds();
            assertTrue(adds >= 20, "nothing already stored may be lost");
            assertTrue(RingProofs.verifyLocal(f.open(), null).ok());
            Files.delete(filler);
            f.clock.advance(Duration.ofMinutes(1));
            s.add("written after space came back", "note");
            assertEquals(adds + 1, f.open().status().adds());
        } finally {
            run("umount", "-l", mountPoint.toString());
        }
    }
}
