package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Passphrase;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.shell.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export carries the rings (portable form) and the audit log; import verifies both (ring chain from
 * genesis, audit checkpoints with the identity key) and re-keys them for the new device. A tampered
 * ring or audit log inside an otherwise valid export (re-sealed with the right passphrase) is refused
 * and nothing is imported.
 */
class ExportImportWiringTest {
    private static final String PASS = "export pass 123";

    @TempDir
    Path tmp;

    private Path homeA;
    private Path homeB;
    private String id;
    private Path export;

    record Run(int exit, String out, String err) {
    }

    private Run memos(Path home, String... argv) {
        Map<String, String> env = new HashMap<>();
        env.put("MEMOS_HOME", home.toString());
        env.put("MEMOS_EXPORT_PASSPHRASE", PASS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void exportFromA() throws Exception {
        homeA = tmp.resolve("a");
        homeB = tmp.resolve("b");
        Run g = memos(homeA, "--json", "id", "generate", "--name", "nova");
        assertEquals(0, g.exit(), g.err());
        id = Json.mapper().readTree(g.out()).get("result").get("id").asText();
        assertEquals(0, memos(homeA, "mem", "add", "alpha memory from device A").exit());
        assertEquals(0, memos(homeA, "mem", "add", "beta memory", "--kind", "event").exit());
        Path out = tmp.resolve("out");
        Run x = memos(homeA, "id", "export", id, "--output", out.toString());
        assertEquals(0, x.exit(), x.err());
        try (Stream<Path> s = Files.list(out)) {
            export = s.findFirst().orElseThrow();
        }
        assertFalse(Files.exists(homeA.resolve("identities").resolve(id).resolve("rings").resolve("rings-portable.json")),
                "the plaintext portable rings are removed after export");
    }

    @Test
    void round_trip_to_a_second_home_then_verify_show_and_audit_work_there() {
        Run imp = memos(homeB, "id", "import", export.toString());
        assertEquals(0, imp.exit(), imp.err());
        Run verify = memos(homeB, "id", "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        Run show = memos(homeB, "mem", "show");
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("alpha memory from device A"), show.out());
        assertTrue(show.out().contains("beta memory"), show.out());
        Run audit = memos(homeB, "--json", "audit", "verify", "--identity", id);
        assertEquals(0, audit.exit(), audit.out() + audit.err());
        assertTrue(audit.out().contains("\"key_source\":\"identity\""), audit.out());
        Run more = memos(homeB, "mem", "add", "gamma memory on device B");
        assertEquals(0, more.exit(), more.err());
        Run imported = memos(homeB, "--json", "audit", "query", "--event", "import");
        assertTrue(imported.out().contains(id), imported.out());
        // the memory_write entries written on A travelled with the identity's log
        Run writes = memos(homeB, "--json", "audit", "query", "--event", "memory_write", "--identity", id);
        assertTrue(writes.out().contains("\"count\":3"), writes.out());
    }

    @Test
    void replacing_the_unlocked_identity_keeps_its_audit_log_verifiable() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("MEMOS_HOME", homeA.toString());
        env.put("MEMOS_EXPORT_PASSPHRASE", PASS);
        Path proof = tmp.resolve("p.json");
        String stdin = String.join("\n", "unlock " + id, "audit prove --identity " + id + " --index 0 --output " + proof,
                "id import " + export + " --replace", "audit verify --identity " + id, "") ;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[0], new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        assertEquals(0, code, out + "\n" + err);
        Run verify = memos(homeA, "audit", "verify", "--identity", id);
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertEquals(0, memos(homeA, "mem", "show").exit());
    }

    /** Decrypts the export, lets {@code edit} change the file map, re-encrypts it with the same passphrase. */
    /** {@link #resealed} with only the portable rings file changed, by {@code edit}. */
    private Path resealedRings(Consumer<ObjectNode> edit) throws Exception {
        return resealed(files -> {
            try {
                ObjectNode n = (ObjectNode) Json.mapper().readTree(files.get("rings/rings-portable.json"));
                edit.accept(n);
                files.put("rings/rings-portable.json", CanonicalJson.bytes(n));
                return files;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private Path resealed(UnaryOperator<Map<String, byte[]>> edit) throws Exception {
        byte[] plain;
        try (Passphrase p = Passphrase.adopt(PASS.toCharArray())) {
            plain = ExportFile.open(Files.readAllBytes(export), p);
        }
        ExportPayload payload = ExportPayload.decode(plain);
        Map<String, byte[]> files = edit.apply(new LinkedHashMap<>(payload.files()));
        byte[] bytes = new ExportPayload(payload.meta(), payload.secret(), files).encode();
        Path out = tmp.resolve("tampered.enc");
        try (Passphrase p = Passphrase.adopt(PASS.toCharArray())) {
            Files.write(out, ExportFile.seal(bytes, p, new Argon2Params(1024, 1, 1), new SecureRandom()));
        }
        return out;
    }

    private void assertNothingImported(Path file, String reason) throws Exception {
        Run imp = memos(homeB, "id", "import", file.toString());
        assertEquals(4, imp.exit(), imp.out() + imp.err());
        assertTrue(imp.err().contains(reason), imp.err());
        Path ids = homeB.resolve("identities");
        assertFalse(Files.exists(ids.resolve(id)));
        if (Files.isDirectory(ids)) {
            try (Stream<Path> s = Files.list(ids)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".staging-")));
            }
        }
        assertEquals(0, memos(homeB, "id", "import", export.toString()).exit(), "the genuine export still imports");
    }

    @Test
    void rejects_a_tampered_ring_chain_inside_a_valid_export() throws Exception {
        Path bad = resealedRings(n -> {
            ArrayNode step = (ArrayNode) n.with("header").with("chain").withArray("window").get(0);
            step.set(1, Json.mapper().getNodeFactory().numberNode(step.get(1).asLong() + 1));
        });
        assertNothingImported(bad, "memory rings");
    }

    @Test
    void rejects_a_ring_export_whose_head_signature_was_changed() throws Exception {
        Path bad = resealedRings(n -> {
            ObjectNode head = n.with("header").with("head");
            String sig = head.get("signature").asText();
            head.put("signature", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        });
        assertNothingImported(bad, "memory rings");
    }

    @Test
    void rejects_a_tampered_audit_log_inside_a_valid_export() throws Exception {
        Path bad = resealed(files -> {
            byte[] log = files.get("audit/audit.log").clone();
            // inside the details of the first entry; the CRC is fixed up so only the signed Merkle root can tell
            int at = indexOf(log, "\"seq\":\"1\"".getBytes(StandardCharsets.UTF_8)) + 7;
            log[at] = '9';
            fixCrc(log);
            files.put("audit/audit.log", log);
            return files;
        });
        assertNothingImported(bad, "audit log");
    }

    @Test
    void rejects_an_audit_log_with_checkpoints_of_another_log() throws Exception {
        Path bad = resealed(files -> {
            byte[] cps = files.get("audit/checkpoints.jsonl");
            String text = new String(cps, StandardCharsets.UTF_8);
            // a checkpoint of another log pasted in: must name this log and carry its key
            files.put("audit/checkpoints.jsonl", text.replace(id, "CW-OTHER.000000-00").getBytes(StandardCharsets.UTF_8));
            return files;
        });
        assertNothingImported(bad, "audit log");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** Recomputes every record's CRC-32C (FORMAT.md §12.3) so that only MACs and Merkle roots catch a change. */
    private static void fixCrc(byte[] log) {
        int off = "memos-audit-v1\n".length();
        while (off < log.length) {
            int len = ((log[off] & 0xFF) << 24) | ((log[off + 1] & 0xFF) << 16) | ((log[off + 2] & 0xFF) << 8) | (log[off + 3] & 0xFF);
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(log, off, 4 + len + 32);
            int c = (int) crc.getValue();
            int at = off + 4 + len + 32;
            log[at] = (byte) (c >>> 24);
            log[at + 1] = (byte) (c >>> 16);
            log[at + 2] = (byte) (c >>> 8);
            log[at + 3] = (byte) c;
            off = at + 4;
        }
    }
}
