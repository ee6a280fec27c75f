package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.encoding.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names survive byte for byte whatever the locale (issue 18 §5): real processes under
 * {@code env -i} (no locale at all) and {@code LC_ALL=C}, through the launcher and through a bare
 * {@code java -jar}. Trees are made and compared by bash on raw bytes, so the test JVM's own locale
 * cannot hide an alteration. A name that is not valid UTF-8 is refused by name, exit 2, nothing written.
 */
class LocaleNamesIT {
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    // café, naïve and sub/ü, made from their UTF-8 bytes
    private static final String MAKE_TREE = "mkdir -p \"$1/sub\" && printf a > \"$1\"/$'caf\\xc3\\xa9'"
            + " && printf b > \"$1\"/$'na\\xc3\\xafve' && printf c > \"$1\"/sub/$'\\xc3\\xbc'";

    @TempDir
    Path tmp;

    /** How memos is started: the launcher, or the bare jar with no help from the launcher. */
    private enum Start { LAUNCHER, BARE_JAR }

    private record Run(int exit, String out, String err) {
    }

    private Run memos(Start start, String lcAll, Map<String, String> extra, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (start == Start.LAUNCHER) {
            cmd.add(MemosProcess.LAUNCHER.toString());
        } else {
            cmd.addAll(List.of(java, "-jar", System.getProperty("memos.jar")));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(MemosProcess.ROOT.toFile());
        pb.environment().clear(); // env -i: no LANG, no LC_*, no PATH
        pb.environment().put("MEMOS_HOME", tmp.resolve("home").toString());
        pb.environment().put("MEMOS_JAVA", java);
        pb.environment().put("ETH_PRIVATE_KEY", KEY);
        if (lcAll != null) {
            pb.environment().put("LC_ALL", lcAll);
        }
        pb.environment().putAll(extra);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "memos " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a bash snippet with $1.. as arguments; returns its stdout, failing on a non-zero exit. */
    static String bash(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /** Type, size and raw name bytes (hex) of everything under a folder, in byte order. */
    static String listing(Path dir) throws Exception {
        return bash("cd \"$1\" && find . -mindepth 1 -printf '%y %s %p\\n' | LC_ALL=C sort | od -An -tx1", dir.toString());
    }

    private Path tree(String name) throws Exception {
        Path t = tmp.resolve(name);
        bash(MAKE_TREE, t.toString());
        return t;
    }

    private void assertSameTree(Path in, Path out) throws Exception {
        assertEquals(listing(in), listing(out), "names or sizes changed");
        bash("diff -r \"$1\" \"$2\"", in.toString(), out.toString());
    }

    @Test
    void pack_unpack_keep_non_ascii_names_byte_for_byte_under_env_i_and_lc_all_c() throws Exception {
        Path in = tree("in");
        int i = 0;
        for (Start start : Start.values()) {
            for (String lc : new String[] {null, "C"}) {
                String label = start + (lc == null ? " env -i" : " LC_ALL=C");
                Path bundle = tmp.resolve("b" + i + ".memos");
                Path out = tmp.resolve("out" + i++);
                Run pack = memos(start, lc, Map.of(), "pack", "--input", in.toString(), "--out", bundle.toString());
                assertEquals(0, pack.exit(), label + ": " + pack.err());
                Run unpack = memos(start, lc, Map.of(), "unpack", "--bundle", bundle.toString(), "--out", out.toString());
                assertEquals(0, unpack.exit(), label + ": " + unpack.err());
                assertSameTree(in, out);
            }
        }
    }

    @Test
    void bundle_packed_under_utf8_unpacks_under_lc_all_c_with_the_same_names() throws Exception {
        Path in = tree("in");
        Path bundle = tmp.resolve("b.memos");
        assertEquals(0, memos(Start.BARE_JAR, "C.UTF-8", Map.of(), "pack", "--input", in.toString(), "--out", bundle.toString()).exit());
        Path out = tmp.resolve("out");
        Run unpack = memos(Start.BARE_JAR, "C", Map.of(), "unpack", "--bundle", bundle.toString(), "--out", out.toString());
        assertEquals(0, unpack.exit(), unpack.err());
        assertFalse(unpack.err().contains("InvalidPathException"), unpack.err());
        assertSameTree(in, out);
    }

    @Test
    void refuses_a_name_that_is_not_utf8_by_name_and_writes_nothing() throws Exception {
        for (String lc : new String[] {null, "C", "C.UTF-8"}) {
            Path in = tree("bad-" + lc);
            bash("printf x > \"$1\"/$'bad\\xff'", in.toString());
            Path bundle = tmp.resolve("bad-" + lc + ".memos");
            Run pack = memos(Start.LAUNCHER, lc, Map.of(), "pack", "--input", in.toString(), "--out", bundle.toString());
            assertEquals(2, pack.exit(), lc + ": " + pack.out() + pack.err());
            assertTrue(pack.err().contains("\"bad\\xff\"") && pack.err().contains("not valid UTF-8"), pack.err());
            assertEquals(1, pack.err().strip().lines().count(), pack.err());
            assertFalse(Files.exists(bundle), "no bundle may appear");
            try (var s = Files.list(tmp)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".bad-")), "no temp file may stay");
            }
        }
    }

    @Test
    @Tag("arlocal")
    void backup_restore_on_arlocal_keep_non_ascii_names_under_env_i_and_refuse_non_utf8() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        k[0] = 0x21;
        Map<String, String> env = new java.util.HashMap<>(Map.of("ETH_PRIVATE_KEY", Hex.encode(k)));
        String url = System.getenv("MEMOS_DEVNET_URL");
        if (url != null && !url.isBlank() && !url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, memos(Start.LAUNCHER, null, env, "config", "set", "local.node", url).exit());
        }
        Path in = tree("in");
        Run backup = memos(Start.LAUNCHER, null, env, "backup", "--input", in.toString());
        assertEquals(0, backup.exit(), backup.err());
        Path out = tmp.resolve("restored");
        Run restore = memos(Start.LAUNCHER, "C", env, "restore", "--latest", "--out", out.toString());
        assertEquals(0, restore.exit(), restore.err());
        assertSameTree(in, out);

        bash("printf x > \"$1\"/$'bad\\xff'", in.toString());
        Run bad = memos(Start.LAUNCHER, null, env, "backup", "--input", in.toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("\"bad\\xff\""), bad.err());
        assertFalse(bad.out().contains("uploaded"), bad.out());
    }
}
