package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted runs leave no temporary files (issue 18 §5), with real processes: SIGTERM in the
 * middle of pack, unpack or backup deletes their temporary bundle, staging folder (plaintext) or
 * work files; after SIGKILL, which nothing can catch, the next run sweeps them and says so.
 */
class InterruptCleanupIT {
    @TempDir
    Path tmp;

    private Process start(String key, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", System.getProperty("memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile());
        pb.environment().put("MEMOS_HOME", tmp.resolve("home").toString());
        pb.environment().put("ETH_PRIVATE_KEY", key);
        return pb.start();
    }

    private String output() throws IOException {
        return Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8) + Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
    }

    private int run(String... args) throws Exception {
        Process p = start(Fixtures.KEY_HEX, args);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "memos did not finish");
        return p.exitValue();
    }

    private Path input(int mib) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] data = new byte[1 << 20];
        Random r = new Random(3);
        for (int i = 0; i < mib; i++) {
            r.nextBytes(data);
            Files.write(in.resolve(String.format("f%03d.bin", i)), data);
        }
        return in;
    }

    private static List<Path> matching(Path dir, Predicate<String> name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).toList();
        }
    }

    /** Waits until a temporary entry exists and holds some bytes, then stops the process as asked. */
    private void interruptOnce(Process p, Path dir, Predicate<String> name, boolean kill9) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<Path> found = matching(dir, name);
            if (!found.isEmpty() && size(found.get(0)) > (1 << 20)) {
                break;
            }
            assertTrue(p.isAlive(), () -> "memos ended before it could be interrupted: " + safeOutput());
            Thread.sleep(20);
        }
        assertFalse(matching(dir, name).isEmpty(), "the temporary entry never appeared");
        if (kill9) {
            p.destroyForcibly();
        } else {
            p.destroy(); // SIGTERM
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }

    private String safeOutput() {
        try {
            return output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long size(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return Files.size(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private Path bundle(Path in) throws Exception {
        Path b = tmp.resolve("b.memos");
        assertEquals(0, run("pack", "--input", in.toString(), "--out", b.toString(), "--compression", "none"), this::safeOutput);
        return b;
    }

    private static final Predicate<String> STAGING = n -> n.startsWith(".dest.memos-restore-");

    /** Unpacks a 160 MiB bundle into area/dest and stops it mid-extraction; returns the bundle. */
    private Path interruptedUnpack(Path area, boolean kill9) throws Exception {
        Path b = bundle(input(160));
        Process p = start(Fixtures.KEY_HEX, "unpack", "--bundle", b.toString(), "--out", area.resolve("dest").toString());
        interruptOnce(p, area, STAGING, kill9);
        return b;
    }

    @Test
    void sigterm_during_unpack_deletes_the_partial_plaintext() throws Exception {
        Path area = Files.createDirectories(tmp.resolve("area"));
        interruptedUnpack(area, false);
        assertEquals(List.of(), matching(area, n -> true), "no staging folder, no destination: " + safeOutput());
    }

    @Test
    void sigkill_during_unpack_leaves_staging_that_the_next_unpack_deletes_and_names() throws Exception {
        Path area = Files.createDirectories(tmp.resolve("area"));
        Path b = interruptedUnpack(area, true);
        List<Path> left = matching(area, STAGING);
        assertEquals(1, left.size(), "SIGKILL cannot be caught: the staging folder stays until the next run");
        assertEquals(0, run("unpack", "--bundle", b.toString(), "--out", area.resolve("dest").toString()), this::safeOutput);
        assertTrue(output().contains("deleted " + left.get(0)), output());
        assertEquals(List.of(), matching(area, STAGING));
        assertTrue(Files.isRegularFile(area.resolve("dest/f159.bin")));
    }

    @Test
    void sigterm_and_sigkill_during_pack_leave_no_temporary_bundle_after_the_next_pack() throws Exception {
        Path in = input(160);
        Path out = tmp.resolve("vault/p.memos");
        Files.createDirectories(out.getParent());
        Predicate<String> temp = n -> n.startsWith(".p.memos.");
        Process term = start(Fixtures.KEY_HEX, "pack", "--input", in.toString(), "--out", out.toString(), "--compression", "none");
        interruptOnce(term, out.getParent(), temp, false);
        assertEquals(List.of(), matching(out.getParent(), n -> true), "SIGTERM: nothing may stay beside --out");

        Process kill = start(Fixtures.KEY_HEX, "pack", "--input", in.toString(), "--out", out.toString(), "--compression", "none");
        interruptOnce(kill, out.getParent(), temp, true);
        assertEquals(1, matching(out.getParent(), temp).size(), "SIGKILL leaves the temporary bundle");
        assertEquals(0, run("pack", "--input", in.toString(), "--out", out.toString(), "--compression", "none"), this::safeOutput);
        assertEquals(List.of(), matching(out.getParent(), temp), "the next pack sweeps it");
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    @Tag("arlocal")
    void sigterm_and_sigkill_during_backup_leave_no_work_files_after_the_next_run() throws Exception {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        k[0] = 0x41;
        String key = dev.memos.encoding.Hex.encode(k);
        Path in = input(160);
        Path work = tmp.resolve("home/tmp");
        String url = System.getenv("MEMOS_DEVNET_URL");
        if (url != null && !url.isBlank() && !url.equals("http://127.0.0.1:1984")) {
            Process p = start(key, "config", "set", "local.node", url);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        Predicate<String> backupFiles = n -> n.contains("backup-");
        Process term = start(key, "backup", "--format", "bundle", "--input", in.toString());
        interruptOnce(term, work, backupFiles, false);
        assertEquals(List.of(), matching(work, n -> true), "SIGTERM: $MEMOS_HOME/tmp must be empty");

        Process kill = start(key, "backup", "--format", "bundle", "--input", in.toString());
        interruptOnce(kill, work, backupFiles, true);
        assertFalse(matching(work, n -> true).isEmpty(), "SIGKILL leaves work files");
        Process next = start(key, "backup", "--format", "bundle", "--input", in.toString(), "--dry-run");
        assertTrue(next.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, next.exitValue(), safeOutput());
        assertEquals(List.of(), matching(work, n -> true), "the next backup sweeps them");
    }
}
