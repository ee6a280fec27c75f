package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar in a subprocess: SIGKILL in the middle of an extraction must leave the old
 * destination exactly as it was; CLI exit codes for a wrong key (3) and a rollback (4).
 */
class UnpackKilledIT {
    @TempDir
    Path tmp;

    private Process start(Map<String, String> env, String... args) throws IOException {
        return startWithHeap("256m", env, args);
    }

    private Process startWithHeap(String heap, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + heap, "-jar", System.getProperty("memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile());
        pb.environment().remove("ETH_PRIVATE_KEY");
        pb.environment().put("MEMOS_HOME", tmp.resolve("home").toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private int run(Map<String, String> env, String... args) throws Exception {
        Process p = start(env, args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "memos did not finish");
        return p.exitValue();
    }

    /** 240 MiB packed by the jar with a 32 MiB heap: memory does not grow with the input. */
    private Path bigBundle() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        java.util.Random r = new java.util.Random(5);
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < 240; i++) {
            r.nextBytes(data);
            Files.write(in.resolve(String.format("f%03d.bin", i)), data);
        }
        Process p = startWithHeap("32m", Map.of("ETH_PRIVATE_KEY", Fixtures.KEY_HEX), "pack", "--input", in.toString(),
                "--out", tmp.resolve("big.memos").toString(), "--compression", "none");
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> read("stderr"));
        return tmp.resolve("big.memos");
    }

    private String read(String name) {
        try {
            return Files.readString(tmp.resolve(name));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void sigkill_mid_extract_leaves_old_destination_intact() throws Exception {
        Path bundle = bigBundle();
        Path dest = tmp.resolve("area/dest");
        Files.createDirectories(dest.resolve("sub"));
        Files.writeString(dest.resolve("keep.txt"), "precious old memory\n");
        Files.writeString(dest.resolve("sub/more.txt"), "more\n");
        String before = Fixtures.describe(dest);

        Process p = start(Map.of("ETH_PRIVATE_KEY", Fixtures.KEY_HEX), "unpack", "--bundle", bundle.toString(),
                "--out", dest.toString(), "--force");
        Path staging = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            staging = stagingWithFiles(dest, 20);
            if (staging != null) {
                break;
            }
            Thread.sleep(2);
        }
        assertTrue(staging != null && p.isAlive(), "never saw the extraction in progress");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), "restore finished before the kill: enlarge the corpus");

        assertEquals(before, Fixtures.describe(dest), "old destination changed by an interrupted restore");
        try (var s = Files.list(dest.getParent())) {
            assertFalse(s.anyMatch(x -> x.getFileName().toString().contains("memos-old")), "old content was moved aside");
        }
        // A later restore still works, and deletes the dead process's staging folder (plaintext), saying so.
        Process again = startWithHeap("32m", Map.of("ETH_PRIVATE_KEY", Fixtures.KEY_HEX), "unpack", "--bundle", bundle.toString(),
                "--out", dest.toString(), "--force");
        assertTrue(again.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), () -> read("stderr"));
        assertEquals(Fixtures.describe(tmp.resolve("in")), Fixtures.describe(dest));
        assertTrue(Files.readString(tmp.resolve("stderr")).contains("deleted " + staging + ", a partial folder an interrupted restore had left"),
                () -> read("stderr"));
        assertNull(stagingWithFiles(dest, 0), "the leftover staging folder is gone");
    }

    private static Path stagingWithFiles(Path dest, int atLeast) throws IOException {
        try (var s = Files.list(dest.getParent())) {
            for (Path c : s.toList()) {
                if (c.getFileName().toString().startsWith("." + dest.getFileName() + ".memos-restore-")) {
                    File[] files = c.toFile().listFiles();
                    if (files != null && files.length >= atLeast) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void wrong_key_exits_3_and_writes_nothing() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("small"));
        PackResult packed = BundlePacker.builder().key(Fixtures.key()).build().pack(in, tmp.resolve("s.memos"));
        Path dest = tmp.resolve("out/dest");
        assertEquals(3, run(Map.of("ETH_PRIVATE_KEY", Fixtures.OTHER_KEY_HEX), "unpack", "--bundle", packed.bundle().toString(),
                "--out", dest.toString()));
        assertEquals("", Files.readString(tmp.resolve("stdout")));
        assertFalse(Files.exists(dest.getParent()));
        assertFalse(Files.readString(tmp.resolve("stderr")).contains(Fixtures.OTHER_KEY_HEX));
    }

    @Test
    void rollback_exits_4_and_ignore_rollback_restores() throws Exception {
        Path in = Fixtures.smallTree(tmp.resolve("small"));
        Map<String, String> env = Map.of("ETH_PRIVATE_KEY", Fixtures.KEY_HEX);
        assertEquals(0, run(env, "pack", "--input", in.toString(), "--out", tmp.resolve("1.memos").toString()));
        assertEquals(0, run(env, "pack", "--input", in.toString(), "--out", tmp.resolve("2.memos").toString(),
                "--compression", "gzip", "--level", "9"));
        assertEquals(4, run(env, "unpack", "--bundle", tmp.resolve("1.memos").toString(), "--manifest",
                tmp.resolve("1.memos.manifest.json").toString(), "--out", tmp.resolve("o").toString()));
        assertTrue(Files.readString(tmp.resolve("stderr")).contains("--ignore-rollback"));
        assertFalse(Files.exists(tmp.resolve("o")));
        assertEquals(0, run(env, "--json", "unpack", "--bundle", tmp.resolve("1.memos").toString(), "--out",
                tmp.resolve("o").toString(), "--ignore-rollback"));
        assertTrue(Files.readString(tmp.resolve("stdout")).contains("WARNING: rollback"));
        assertEquals(0, run(env, "verify-bundle", tmp.resolve("2.memos").toString(), "--manifest",
                tmp.resolve("2.memos.manifest.json").toString()));
        assertEquals(0, run(Map.of(), "inspect", tmp.resolve("2.memos").toString()));
        assertTrue(Files.readString(tmp.resolve("stdout")).contains("gzip"));
        assertTrue(Files.readString(tmp.resolve("stdout")).contains("locked"));
        assertEquals(0, run(env, "inspect", tmp.resolve("2.memos").toString()));
        String shown = Files.readString(tmp.resolve("stdout"));
        assertTrue(shown.contains("sequence 2") && shown.contains("notes/a.json"), shown);
    }
}
