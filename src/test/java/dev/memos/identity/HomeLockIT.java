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

/** A second process holding the home's identity lock makes mutations fail with a clear message. */
class HomeLockIT {
    @TempDir
    Path home;

    @Test
    void rejects_mutation_while_another_process_holds_the_lock_and_recovers_after_it_dies() throws Exception {
        IdentityStore s = TestStores.store(home);
        IdentityInfo i = s.create("nova", Tier.DEVICE, TestStores.SECRETS);
        String root = System.getProperty("memos.root", ".");
        String cp = String.join(File.pathSeparator, Path.of(root, "target/classes").toString(),
                Path.of(root, "target/test-classes").toString(), Path.of(root, "target/lib").toString() + File.separator + "*");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                HoldLockMain.class.getName(), home.resolve("identities/.lock").toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            MemosException e = assertThrows(MemosException.class, () -> s.suspend(i.id()));
            assertTrue(e.getMessage().contains("another memos process (pid " + p.pid() + ")"), e.getMessage());
            assertEquals(IdentityState.ACTIVE, s.require(i.id()).state(), "reads still work while locked");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        s.suspend(i.id());
        assertEquals(IdentityState.SUSPENDED, s.require(i.id()).state());
    }
}
