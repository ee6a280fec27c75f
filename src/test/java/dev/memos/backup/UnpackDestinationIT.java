package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination's limits through the packaged jar on a real, small tmpfs (mounted as root; the
 * tests are skipped, saying why, where mounting is not allowed): a full disk is "no space on the
 * destination", exit 1, never "the bundle is damaged", exit 4; a sparse file keeps its holes, so it
 * fits on a file system smaller than its length.
 */
class UnpackDestinationIT {
    @TempDir
    Path tmp;

    private final List<Path> mounts = new ArrayList<>();

    private record Run(int exit, String out, String err) {
    }

    private Run memos(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-jar", System.getProperty("memos.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MEMOS_HOME", tmp.resolve("home").toString());
        pb.environment().put("ETH_PRIVATE_KEY", Fixtures.KEY_HEX);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "memos did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private Path tmpfs(String name, String size) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0,
                "mounting a tmpfs needs root (CAP_SYS_ADMIN)");
        mounts.add(dir);
        return dir;
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            sh("umount", m.toString());
        }
    }

    private static long allocatedBlocks(Path f) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b", f.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, p.waitFor());
        return Long.parseLong(out);
    }

    @Test
    void full_disk_on_unpack_says_no_space_exit_1_not_damaged_and_leaves_nothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data); // incompressible: 3 MiB cannot fit on 1 MiB
        Files.write(in.resolve("big.bin"), data);
        Path bundle = tmp.resolve("b.memos");
        Run pack = memos("pack", "--input", in.toString(), "--out", bundle.toString());
        assertEquals(0, pack.exit(), pack.err());
        Path small = tmpfs("small", "1m");
        Run unpack = memos("unpack", "--bundle", bundle.toString(), "--out", small.resolve("dest").toString());
        assertEquals(1, unpack.exit(), unpack.out() + unpack.err());
        assertTrue(unpack.err().contains("no space on the destination"), unpack.err());
        assertFalse(unpack.err().contains("damaged"), unpack.err());
        try (var s = Files.list(small)) {
            assertEquals(List.of(), s.toList(), "neither the destination nor a staging folder may stay");
        }
        // the same bundle is good: it unpacks where there is room
        Run again = memos("unpack", "--bundle", bundle.toString(), "--out", tmp.resolve("roomy").toString());
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void sparse_file_keeps_its_holes_on_unpack() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path sparse = in.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.write("head".getBytes(StandardCharsets.US_ASCII));
            f.seek(40L << 20);
            f.write("middle".getBytes(StandardCharsets.US_ASCII));
            f.setLength(96L << 20); // ends in a hole
        }
        Path bundle = tmp.resolve("b.memos");
        assertEquals(0, memos("pack", "--input", in.toString(), "--out", bundle.toString()).exit());
        // 96 MiB of length on a 16 MiB file system: only holes make it fit
        Path fs = tmpfs("fs", "16m");
        Run unpack = memos("unpack", "--bundle", bundle.toString(), "--out", fs.resolve("dest").toString());
        assertEquals(0, unpack.exit(), unpack.out() + unpack.err());
        Path back = fs.resolve("dest/disk.img");
        assertEquals(96L << 20, Files.size(back));
        assertTrue(allocatedBlocks(back) <= allocatedBlocks(sparse) + 64,
                "restored blocks " + allocatedBlocks(back) + " vs original " + allocatedBlocks(sparse));
        assertEquals(-1, Files.mismatch(sparse, back), "the content must be the same");
    }
}
