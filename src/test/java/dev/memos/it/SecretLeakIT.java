package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.backup.BundleKeys;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leak: a full session (unlock, backup of examples/memory on the devnet, id generate
 * with a passphrase, unlock it, id export, token keygen + issue, mem add, audit export, lock) in each
 * of the four modes, with fresh known secrets; then stdout, stderr, the history file, every file under
 * $MEMOS_HOME, the export folder and the audit export are searched for each secret as raw text, hex
 * (lower and upper), base64 and base64url, and, in pipe mode, a heap dump taken after `lock`.
 *
 * What the heap check can assert (see docs/RELIABILITY.md): the JVM keeps its own immutable copy of
 * the environment (ProcessEnvironment) for the life of the process, so a secret handed over in an
 * environment variable is in the heap as Latin-1 text no matter what memos does; those exact forms
 * are not searched in the heap. Searched there: the ETH key's 32 raw bytes and base64 forms, the
 * bundle encryption key derived from it (raw), and each passphrase as UTF-16 (the char[] form memos
 * handles it in), hex and base64. A heap dump only shows live objects and unreached objects not yet
 * collected: GC.heap_dump runs a full GC first, so garbage copies are gone and cannot be seen either
 * way; a copy in a native buffer (e.g. a terminal library's) or in a freed TLAB is out of its reach.
 */
@Tag("arlocal")
class SecretLeakIT {
    static final List<String> ROWS = new ArrayList<>();

    @TempDir
    Path tmp;

    record Secrets(String ethKey, String passphrase, String exportPassphrase) {
        static Secrets fresh() {
            SecureRandom r = new SecureRandom();
            byte[] k = new byte[32];
            r.nextBytes(k);
            k[0] = 0x3c;
            byte[] p = new byte[9];
            r.nextBytes(p);
            return new Secrets(Hex.encode(k), "pass-" + Hex.encode(p), "exp-" + Hex.encode(p).substring(3) + "-x");
        }

        Map<String, String> env() {
            return Map.of("ETH_PRIVATE_KEY", ethKey, "MEMOS_PASSPHRASE", passphrase, "MEMOS_EXPORT_PASSPHRASE", exportPassphrase);
        }

        /** Every form a secret could take in a text or a file: name → bytes. */
        Map<String, byte[]> fileForms() {
            Map<String, byte[]> f = new LinkedHashMap<>();
            byte[] raw = Hex.decode(ethKey);
            add(f, "eth key text", ethKey.getBytes(StandardCharsets.US_ASCII));
            add(f, "eth key upper hex", ethKey.toUpperCase().getBytes(StandardCharsets.US_ASCII));
            add(f, "eth key raw", raw);
            addB64(f, "eth key", raw);
            for (String[] p : new String[][] {{"passphrase", passphrase}, {"export passphrase", exportPassphrase}}) {
                byte[] b = p[1].getBytes(StandardCharsets.UTF_8);
                add(f, p[0] + " text", b);
                add(f, p[0] + " hex", Hex.encode(b).getBytes(StandardCharsets.US_ASCII));
                add(f, p[0] + " utf-16", p[1].getBytes(StandardCharsets.UTF_16LE));
                addB64(f, p[0], b);
            }
            return f;
        }

        /** The forms the heap can be held to (not the Latin-1 text the JVM's environment copy keeps). */
        Map<String, byte[]> heapForms() {
            Map<String, byte[]> f = new LinkedHashMap<>(fileForms());
            f.remove("eth key text");
            f.remove("passphrase text");
            f.remove("export passphrase text");
            try (BundleKeys keys = BundleKeys.derive(EthPrivateKey.parse(ethKey)); SecretBytes enc = keys.encryptionKey()) {
                add(f, "bundle encryption key raw", enc.reveal());
            }
            return f;
        }

        private static void add(Map<String, byte[]> f, String name, byte[] b) {
            f.put(name, b);
        }

        private static void addB64(Map<String, byte[]> f, String name, byte[] b) {
            f.put(name + " base64", Base64.getEncoder().withoutPadding().encode(b));
            f.put(name + " base64url", Base64.getUrlEncoder().withoutPadding().encode(b));
        }
    }

    static final String[] SESSION = {
        "unlock",
        "backup --input examples/memory",
        "id generate --name LEAK --passphrase",
        "unlock",
        "id export --output EXPORTS",
        "token keygen skill:weather",
        "token issue --skill skill:weather --scope weather:read",
        "mem add \"the budget is agreed\" --kind decision",
        "audit export --output AUDIT",
        "lock",
    };

    List<String> session(Path exports, Path audit) {
        return Stream.of(SESSION).map(l -> l.replace("EXPORTS", exports.toString()).replace("AUDIT", audit.toString())).toList();
    }

    MemosProcess memos(Path home, Secrets s) throws IOException, InterruptedException {
        // points the fresh home's local profile at MEMOS_DEVNET_URL when it is not the default
        String url = System.getenv("MEMOS_DEVNET_URL");
        if (url != null && !url.isBlank() && !url.equals("http://127.0.0.1:1984")) {
            assertEquals(0, new MemosProcess(home).run("config", "set", "local.node", url).exit());
        }
        MemosProcess m = new MemosProcess(home);
        s.env().forEach(m::env);
        return m;
    }

    @AfterAll
    static void report() throws IOException {
        Path out = Path.of(System.getProperty("memos.root", "."), "target", "reliability");
        Files.createDirectories(out);
        StringBuilder b = new StringBuilder("mode\tplaces_scanned\tbytes_scanned\tforms_per_place\tleaks\tcommands_ok\n");
        ROWS.forEach(r -> b.append(r).append('\n'));
        Files.writeString(out.resolve("secrets.tsv"), b, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Test
    void one_shot_sequence_leaks_nothing() throws Exception {
        Secrets s = Secrets.fresh();
        Path home = tmp.resolve("home");
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        MemosProcess m = memos(home, s);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int ok = 0;
        for (String line : session(exports, tmp.resolve("audit.json"))) {
            MemosProcess.Result r = m.run(dev.memos.shell.Tokenizer.split(line).toArray(String[]::new));
            out.append(r.out());
            err.append(r.err());
            ok += r.exit() == 0 ? 1 : 0;
        }
        scan("one-shot", s, home, exports, tmp.resolve("audit.json"), out.toString(), err.toString(), null, ok);
    }

    @Test
    void script_file_leaks_nothing() throws Exception {
        Secrets s = Secrets.fresh();
        Path home = tmp.resolve("home");
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        Path script = MemosProcess.write(tmp.resolve("session.memos"), String.join("\n", session(exports, tmp.resolve("audit.json"))) + "\n");
        MemosProcess.Result r = memos(home, s).run("run", script.toString(), "--keep-going");
        scan("script", s, home, exports, tmp.resolve("audit.json"), r.out(), r.err(), null, -1);
    }

    @Test
    void pipe_json_and_heap_after_lock_leak_nothing() throws Exception {
        Secrets s = Secrets.fresh();
        Path home = tmp.resolve("home");
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        Process p = memos(home, s).start("--json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = new Thread(() -> copy(p.getInputStream(), out));
        t1.start();
        Thread t2 = new Thread(() -> copy(p.getErrorStream(), err));
        t2.start();
        OutputStream in = p.getOutputStream();
        in.write((String.join("\n", session(exports, tmp.resolve("audit.json"))) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (!out.toString(StandardCharsets.UTF_8).contains("\"command\":\"lock\"") && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"command\":\"lock\""), "lock ran: " + out + err);
        Path dump = tmp.resolve("after-lock.hprof");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process j = new ProcessBuilder(jcmd, Long.toString(p.pid()), "GC.heap_dump", dump.toString()).redirectErrorStream(true).start();
        String jout = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(j.waitFor(120, TimeUnit.SECONDS) && Files.size(dump) > 1_000_000, "heap dump taken: " + jout);
        in.close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        t1.join();
        t2.join();
        scan("pipe --json", s, home, exports, tmp.resolve("audit.json"), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), dump, -1);
    }

    @Test
    void interactive_tmux_session_leaks_nothing() throws Exception {
        Secrets s = Secrets.fresh();
        Path home = tmp.resolve("home");
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        memos(home, s);
        String session = "memos-leak-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The ETH key is typed at the no-echo prompt; the passphrases come from the environment.
        String cmd = "cd '" + MemosProcess.ROOT + "' && env -u ETH_PRIVATE_KEY MEMOS_HOME='" + home + "' MEMOS_JAVA='" + java
                + "' MEMOS_PASSPHRASE='" + s.passphrase() + "' MEMOS_EXPORT_PASSPHRASE='" + s.exportPassphrase()
                + "' NO_COLOR=1 scripts/memos 2>'" + tmp.resolve("stderr") + "'; echo EXITED=$?; sleep 120";
        try {
            InteractiveIT.tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "60", cmd);
            Tmux t = new Tmux(session);
            t.waitFor("memos(locked)>", 60);
            for (String line : session(exports, tmp.resolve("audit.json"))) {
                int before = t.count("memos(");
                t.type(line);
                if (line.equals("unlock") && !t.screen().contains("memos(0x")) {
                    t.waitFor("not echoed", 60);
                    t.type(s.ethKey());
                }
                t.waitForCount("memos(", before + 1, 600);
            }
            t.type("exit");
            t.waitFor("EXITED=", 60);
            String screen = InteractiveIT.tmux("capture-pane", "-p", "-S", "-", "-t", session);
            scan("interactive (tmux)", s, home, exports, tmp.resolve("audit.json"), screen,
                    Files.exists(tmp.resolve("stderr")) ? Files.readString(tmp.resolve("stderr")) : "", null, -1);
        } finally {
            InteractiveIT.tmux("kill-session", "-t", session);
        }
    }

    /** Just enough tmux driving; InteractiveIT has the same, per test instance. */
    record Tmux(String session) {
        String screen() throws Exception {
            return InteractiveIT.tmux("capture-pane", "-p", "-S", "-", "-t", session);
        }

        int count(String text) throws Exception {
            String sc = screen();
            int n = 0;
            for (int i = sc.indexOf(text); i >= 0; i = sc.indexOf(text, i + 1)) {
                n++;
            }
            return n;
        }

        void type(String line) throws Exception {
            InteractiveIT.tmux("send-keys", "-t", session, "--", line);
            InteractiveIT.tmux("send-keys", "-t", session, "Enter");
        }

        void waitFor(String text, int seconds) throws Exception {
            waitForCount(text, 1, seconds);
        }

        void waitForCount(String text, int n, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (count(text) >= n) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("screen never showed '" + text + "' " + n + " times:\n" + screen());
        }
    }

    private static void copy(java.io.InputStream in, ByteArrayOutputStream sink) {
        try {
            in.transferTo(sink);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private void scan(String mode, Secrets s, Path home, Path exports, Path audit, String out, String err, Path heap, int ok)
            throws IOException {
        Map<String, byte[]> places = new LinkedHashMap<>();
        places.put("stdout", out.getBytes(StandardCharsets.UTF_8));
        places.put("stderr", err.getBytes(StandardCharsets.UTF_8));
        for (Path root : List.of(home, exports)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    places.put(root.relativize(f).toString().isEmpty() ? f.toString() : f.toString(), Files.readAllBytes(f));
                }
            }
        }
        assertTrue(places.keySet().stream().anyMatch(k -> k.endsWith("/history")) || !mode.startsWith("interactive"),
                "the interactive session wrote a history file");
        if (Files.exists(audit)) {
            places.put("audit export", Files.readAllBytes(audit));
        }
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        Map<String, byte[]> forms = s.fileForms();
        for (Map.Entry<String, byte[]> place : places.entrySet()) {
            bytes += place.getValue().length;
            leaks.addAll(find(place.getKey(), place.getValue(), forms));
        }
        int placeCount = places.size();
        if (heap != null) {
            byte[] dump = Files.readAllBytes(heap);
            bytes += dump.length;
            leaks.addAll(find("heap dump after lock", dump, s.heapForms()));
            placeCount++;
            Files.delete(heap);
        }
        synchronized (ROWS) {
            ROWS.add(mode + "\t" + placeCount + "\t" + bytes + "\t" + forms.size() + "\t" + leaks.size() + "\t" + (ok < 0 ? "-" : ok + "/" + SESSION.length));
        }
        assertEquals(List.of(), leaks, mode + ": secrets found");
        assertTrue(out.contains("cit1.") || mode.startsWith("interactive") && out.contains("cit1"), mode + ": the session issued a token: " + out + err);
    }

    /** Places where a form occurs (Latin-1 view: a byte-for-byte search). */
    private static List<String> find(String place, byte[] haystack, Map<String, byte[]> forms) {
        String h = new String(haystack, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        forms.forEach((name, form) -> {
            if (h.contains(new String(form, StandardCharsets.ISO_8859_1))) {
                found.add(name + " in " + place);
            }
        });
        return found;
    }
}
