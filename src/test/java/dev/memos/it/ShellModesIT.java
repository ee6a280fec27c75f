package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.encoding.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-shot, script and pipe modes through the real launcher in a child process. */
class ShellModesIT {
    static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @TempDir
    Path tmp;

    MemosProcess memos() {
        return new MemosProcess(tmp.resolve("home"));
    }

    @Test
    void one_shot_version_and_help() throws Exception {
        MemosProcess.Result v = memos().run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("memos "), v.out());
        MemosProcess.Result h = memos().run("help", "config", "set");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("Usage: memos config set"), h.out());
        assertTrue(h.out().contains("Example:"), h.out());
    }

    @Test
    void unknown_command_exits_2_with_suggestion() throws Exception {
        MemosProcess.Result r = memos().run("verison");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("did you mean 'version'?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void script_stops_at_failing_line_3_of_5_and_names_it() throws Exception {
        Path script = MemosProcess.write(tmp.resolve("s.memos"), """
                # a comment and a blank line are skipped

                version
                config set session.idle-timeout-minutes 7
                config set profile moon
                config set session.idle-timeout-minutes 9
                whoami
                """);
        MemosProcess m = memos();
        MemosProcess.Result r = m.run("run", script.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(script + ":5: "), r.err());
        assertEquals("7", m.run("config", "get", "session.idle-timeout-minutes").out().strip(),
                "lines after the failing one must not run");
    }

    @Test
    void script_by_file_name_and_keep_going() throws Exception {
        Path script = MemosProcess.write(tmp.resolve("k.memos"), "version\nnope\nconfig set session.idle-timeout-minutes 3\n");
        MemosProcess m = memos();
        MemosProcess.Result stop = m.run(script.toString());
        assertEquals(2, stop.exit());
        assertTrue(stop.err().contains(":2: "), stop.err());
        MemosProcess.Result going = m.run("run", script.toString(), "--keep-going");
        assertEquals(2, going.exit());
        assertEquals("3", m.run("config", "get", "session.idle-timeout-minutes").out().strip());
    }

    @Test
    void pipe_mode_json_gives_one_object_per_command() throws Exception {
        MemosProcess.Result r = memos().env("ETH_PRIVATE_KEY", KEY)
                .runWithInput("help\n# comment\n\nwhoami\nunlock\nwhoami\nfoo\nlock\nwhoami\n", "--json");
        List<String> lines = r.outLines();
        assertEquals(7, lines.size(), r.out());
        JsonNode[] objs = new JsonNode[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            objs[i] = Json.mapper().readTree(lines.get(i));
        }
        assertEquals("help", objs[0].get("command").asText());
        assertFalse(objs[1].get("result").get("unlocked").asBoolean());
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", objs[3].get("result").get("address").asText());
        assertEquals(2, objs[4].get("exit").asInt());
        assertEquals("usage", objs[4].get("error").get("code").asText());
        assertFalse(objs[6].get("result").get("unlocked").asBoolean());
        assertEquals(2, r.exit(), "pipe mode exits with the last failure's code");
        assertFalse(r.out().contains("\u001b["), "no ANSI colours in pipe mode");
    }

    @Test
    void pipe_mode_without_key_reports_exit_3() throws Exception {
        MemosProcess.Result r = memos().runWithInput("unlock\n", "--json");
        JsonNode o = Json.mapper().readTree(r.outLines().get(0));
        assertEquals(3, o.get("exit").asInt());
        assertTrue(o.get("error").get("message").asText().contains("ETH_PRIVATE_KEY"));
        assertEquals(3, r.exit());
    }

    @Test
    void one_shot_exit_codes_0_1_2_3() throws Exception {
        MemosProcess m = memos();
        assertEquals(0, m.run("version").exit());
        assertEquals(2, m.run("config", "set", "profile", "moon").exit());
        assertEquals(3, m.run("unlock").exit());
        Path notDir = Files.writeString(tmp.resolve("file"), "x");
        MemosProcess.Result r = new MemosProcess(notDir.resolve("home")).run("config", "set", "profile", "mainnet");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void interrupted_process_exits_130() throws Exception {
        Process p = memos().start();
        Thread.sleep(1500);
        Runtime.getRuntime().exec(new String[] {"kill", "-INT", Long.toString(p.pid())}).waitFor();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(130, p.exitValue());
    }

    @Test
    void home_is_private() throws Exception {
        MemosProcess m = memos();
        assertEquals(0, m.run("config", "set", "profile", "mainnet").exit());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(m.home())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(m.home().resolve("config.properties"))));
    }
}
