package dev.memos.shell.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import dev.memos.shell.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `id` commands and the session commands through the real dispatcher (one-shot and pipe modes). */
class IdCommandsTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    private Map<String, String> env(Path home, String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("MEMOS_HOME", home.toString());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    private Run exec(Map<String, String> env, String stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(Map<String, String> env, String... argv) {
        return exec(env, "", argv);
    }

    /** Pipe mode: commands on stdin, one session for all of them. */
    private Run pipe(Map<String, String> env, String stdin) {
        return exec(env, stdin);
    }

    private String generate(Map<String, String> env, String name) throws Exception {
        Run r = run(env, "--json", "id", "generate", "--name", name);
        assertEquals(0, r.exit(), r.err());
        return r.json().get("result").get("id").asText();
    }

    @Test
    void generate_list_status_and_completion_file() throws Exception {
        Path home = tmp.resolve("h");
        Map<String, String> env = env(home);
        String id = generate(env, "nova");
        Run list = run(env, "id", "list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains(id) && list.out().contains("active") && list.out().contains("tier 1"));
        Run status = run(env, "--json", "id", "status");
        assertEquals(id, status.json().get("result").get("id").asText());
        assertEquals(1, status.json().get("result").get("tier").asInt());
        assertEquals(id + "\n", Files.readString(home.resolve("completion/identities")));
    }

    @Test
    void validate_exit_codes_and_reasons() {
        Map<String, String> env = env(tmp.resolve("h"));
        assertEquals(0, run(env, "id", "validate", "CW-NOVA.R7KMX2-AA").exit());
        Run bad = run(env, "id", "validate", "CW-NOVA.R7KMX2-AB");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("checksum"));
        assertFalse(bad.err().contains("AA"));
        Run blocked = run(env, "id", "validate", "CW-ADMIN.000000-" + String.format("%02X",
                dev.memos.identity.Crc8.of("ADMIN.000000")));
        assertEquals(2, blocked.exit());
        assertTrue(blocked.err().contains("reserved"));
    }

    @Test
    void revoke_and_delete_refuse_without_confirm() throws Exception {
        Map<String, String> env = env(tmp.resolve("h"));
        String id = generate(env, "nova");
        Run r = run(env, "id", "revoke", id);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--confirm"));
        assertEquals(0, run(env, "id", "revoke", id, "--confirm").exit());
        assertEquals(2, run(env, "id", "delete", id).exit());
        assertEquals(0, run(env, "id", "delete", id, "--confirm").exit());
        Run t = run(env, "--json", "id", "list-tombstones");
        assertEquals(id, t.json().get("result").get("tombstones").get(0).get("id").asText());
        assertEquals("deleted", t.json().get("result").get("tombstones").get(0).get("state").asText());
    }

    @Test
    void refused_transition_exits_2_and_names_the_state() throws Exception {
        Map<String, String> env = env(tmp.resolve("h"));
        String id = generate(env, "nova");
        Run r = run(env, "id", "resume", id);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("it is active"));
    }

    @Test
    void tier2_without_terminal_or_env_is_an_auth_error() {
        Run r = run(env(tmp.resolve("h")), "id", "generate", "--name", "apex", "--passphrase");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("MEMOS_PASSPHRASE"));
    }

    @Test
    void export_import_exit_codes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Map<String, String> envA = env(a, "MEMOS_EXPORT_PASSPHRASE", "export staple 42", "MEMOS_PASSPHRASE", "correct horse battery");
        Run gen = run(envA, "--json", "id", "generate", "--name", "apex", "--passphrase");
        assertEquals(0, gen.exit(), gen.err());
        String id = gen.json().get("result").get("id").asText();
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Run exp = run(envA, "--json", "id", "export", "--output", out.toString());
        assertEquals(0, exp.exit(), exp.err());
        Path file = Path.of(exp.json().get("result").get("file").asText());

        Run wrong = run(env(b, "MEMOS_EXPORT_PASSPHRASE", "wrong passphrase", "MEMOS_PASSPHRASE", "correct horse battery"),
                "id", "import", file.toString());
        assertEquals(3, wrong.exit());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 1;
        Path flipped = tmp.resolve("flipped.enc");
        Files.write(flipped, bytes);
        Map<String, String> envB = env(b, "MEMOS_EXPORT_PASSPHRASE", "export staple 42", "MEMOS_PASSPHRASE", "correct horse battery");
        assertEquals(4, run(envB, "id", "import", flipped.toString()).exit());
        if (Files.isDirectory(b.resolve("identities"))) {
            try (Stream<Path> s = Files.list(b.resolve("identities"))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("CW-")));
            }
        }
        Run ok = run(envB, "id", "import", file.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("imported " + id));
        assertEquals(2, run(envB, "id", "import", file.toString()).exit());
        assertEquals(0, run(envB, "id", "import", file.toString(), "--replace").exit());
    }

    @Test
    void unlock_id_whoami_and_lock_in_one_session() throws Exception {
        Path home = tmp.resolve("h");
        Map<String, String> env = env(home);
        String a = generate(env, "nova");
        generate(env, "apex");
        Run r = pipe(env, "unlock " + a + "\nwhoami\nlock\nwhoami\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("unlocked " + a));
        assertTrue(r.out().contains("unlocked: " + a));
        assertTrue(r.out().trim().endsWith("locked"));
    }

    @Test
    void plain_unlock_takes_the_only_active_identity_and_warns_about_the_eth_key() throws Exception {
        Path home = tmp.resolve("h");
        Map<String, String> env = env(home);
        String a = generate(env, "nova");
        Run r = pipe(env, "unlock\nwhoami\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("unlocked: " + a), r.out());
        assertTrue(r.err().contains("Ethereum key not unlocked"), r.err());
    }

    @Test
    void plain_unlock_without_eth_key_or_identity_fails_as_before() {
        Run r = run(env(tmp.resolve("h")), "unlock");
        assertEquals(3, r.exit());
    }

    @Test
    void suspending_the_unlocked_identity_locks_it() throws Exception {
        Path home = tmp.resolve("h");
        Map<String, String> env = env(home);
        String a = generate(env, "nova");
        Run r = pipe(env, "unlock " + a + "\nid suspend\nwhoami\n");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("suspended " + a));
        assertTrue(r.out().trim().endsWith("locked"));
    }

    @Test
    void commands_without_id_need_one_when_several_exist() throws Exception {
        Map<String, String> env = env(tmp.resolve("h"));
        generate(env, "nova");
        generate(env, "apex");
        Run r = run(env, "id", "status");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("several identities"));
    }
}
