package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crash.CrashHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM saves an identity in a loop (suspend/resume, each a two-copy atomic
 * save) and is killed with SIGKILL at a random moment, 120 times. After every kill the identity must
 * load (from the main file or its backup), verify, and unlock with the same key.
 */
class IdentityCrashIT {
    private static final int KILLS = 120;

    @TempDir
    Path home;

    @Test
    void identity_always_loads_after_sigkill_during_saves() throws Exception {
        IdentityInfo created = TestStores.store(home).create("crash", Tier.DEVICE, TestStores.SECRETS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(20261127);
        int recovered = 0;
        int killedMidLoop = 0;
        for (int i = 0; i < KILLS; i++) {
            Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", CrashHarness.classPath(),
                    CrashLoopMain.class.getName(), home.toString(), created.id().toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String first = out.readLine();
                if ("ready".equals(first)) {
                    killedMidLoop++;
                    Thread.sleep(random.nextInt(60));
                }
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                if (!"ready".equals(first)) {
                    List<String> rest = new ArrayList<>();
                    rest.add(first);
                    out.lines().limit(20).forEach(rest::add);
                    throw new AssertionError("child failed: " + rest);
                }
            }
            TestStores.Events events = new TestStores.Events();
            IdentityStore s = TestStores.store(home, events);
            IdentityInfo loaded = s.require(created.id());
            assertTrue(loaded.state() == IdentityState.ACTIVE || loaded.state() == IdentityState.SUSPENDED);
            try (UnlockedIdentity u = s.unlock(created.id(), TestStores.SECRETS)) {
                assertArrayEquals(created.publicKey(), u.signer().publicKey());
            }
            if (!events.log.isEmpty()) {
                recovered++;
            }
        }
        assertEquals(KILLS, killedMidLoop, "every child must have been killed while saving");
        // The next save under the lock removes temporaries that kills left behind.
        IdentityStore last = TestStores.store(home);
        if (last.require(created.id()).state() == IdentityState.ACTIVE) {
            last.suspend(created.id());
        } else {
            last.resume(created.id());
        }
        try (Stream<Path> left = Files.list(created.directory())) {
            assertEquals(List.of("identity.json", "identity.json.bak"),
                    left.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertTrue(recovered <= KILLS);
    }
}
