package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.error.MemosException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second process holding the home's identity lock makes a mutation wait (bounded: BUSY naming the
 * holder's pid when the bound passes), and the waiting mutation goes through once the holder dies.
 */
class HomeLockIT {
    @TempDir
    Path home;

    @Test
    void mutation_waits_for_another_process_and_proceeds_when_it_dies_or_times_out_busy() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        String root = System.getProperty("memos.root", ".");
        String cp = String.join(File.pathSeparator, Path.of(root, "target/classes").toString(),
                Path.of(root, "target/test-classes").toString(), Path.of(root, "target/lib").toString() + File.separator + "*");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                HoldLockMain.class.getName(), home.resolve("identities/.lock").toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            Path lock = home.resolve("identities/.lock");
            MemosException e = assertThrows(MemosException.class,
                    () -> dev.memos.store.HomeLock.acquire(lock, java.time.Duration.ofMillis(300)));
            assertEquals(dev.memos.error.ErrorKind.BUSY, e.kind());
            assertTrue(e.getMessage().contains("another memos process (pid " + p.pid() + ")"), e.getMessage());
            assertTrue(e.getMessage().contains(lock.toString()), e.getMessage());
            java.util.concurrent.CompletableFuture<IdentityInfo> waiting =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> s.suspend(i.id()));
            Thread.sleep(500);
            assertTrue(!waiting.isDone(), "the mutation waits while the other process holds the lock");
            assertEquals(IdentityState.ACTIVE, s.require(i.id()).state(), "reads still work while locked");
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            waiting.get(20, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(IdentityState.SUSPENDED, s.require(i.id()).state());
    }
}
