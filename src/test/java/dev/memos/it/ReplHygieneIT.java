package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL in tmux (issue 18 §5): the history file is private (0600, also when an older one was
 * wider) and keeps no bearer token; when the idle timer locks the session the prompt says so at
 * once, without waiting for Enter.
 */
class ReplHygieneIT {
    private static final String TOKEN = "cit1.eyJhdWQiOiJza2lsbDp3ZWF0aGVyIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

    @TempDir
    Path tmp;

    private final String session = "memos-hyg-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void kill() throws Exception {
        InteractiveIT.tmux("kill-session", "-t", session);
    }

    private String screen() throws Exception {
        return InteractiveIT.tmux("capture-pane", "-p", "-t", session);
    }

    private void waitFor(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("screen never showed '" + text + "':\n" + screen());
    }

    private void line(String text) throws Exception {
        InteractiveIT.tmux("send-keys", "-t", session, "--", text);
        InteractiveIT.tmux("send-keys", "-t", session, "Enter");
    }

    private void start(Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "cd '" + MemosProcess.ROOT + "' && env -u ETH_PRIVATE_KEY MEMOS_HOME='" + home + "' MEMOS_JAVA='" + java
                + "' scripts/memos; echo EXITED=$?; sleep 120";
        InteractiveIT.tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", cmd);
        waitFor("memos(locked)>", 60);
    }

    @Test
    void history_is_0600_even_if_it_was_wider_and_never_keeps_a_bearer_token() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path history = home.resolve("history");
        Files.writeString(history, "version\n");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
        start(home);
        line("token verify " + TOKEN + " --skill skill:weather");
        waitFor("memos: error:", 30);
        line("whoami");
        waitFor("locked", 30);
        line("exit");
        waitFor("EXITED=", 30);
        String kept = Files.readString(history, StandardCharsets.UTF_8);
        assertTrue(kept.contains("whoami"), kept);
        assertFalse(kept.contains("cit1."), "a bearer token must not be kept: " + kept);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }

    @Test
    void fresh_history_file_is_created_0600() throws Exception {
        Path home = tmp.resolve("home");
        start(home);
        line("whoami");
        waitFor("locked", 30);
        line("exit");
        waitFor("EXITED=", 30);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("history"))));
    }

    @Test
    void prompt_shows_locked_as_soon_as_the_idle_timer_locks() throws Exception {
        Path home = tmp.resolve("home");
        assertEquals(0, new MemosProcess(home).run("config", "set", "session.idle-timeout-minutes", "1").exit());
        start(home);
        line("unlock");
        waitFor("not echoed", 30);
        line(InteractiveIT.KEY_HEX);
        waitFor("memos(0x2c75", 30);
        // no key pressed from here on: the timer (every 10 s) locks after one idle minute
        waitFor("idle minutes", 100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last = "";
        while (System.nanoTime() < deadline) {
            List<String> lines = screen().lines().filter(l -> !l.isBlank()).toList();
            last = lines.get(lines.size() - 1);
            if (last.startsWith("memos(locked)>")) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(last.startsWith("memos(locked)>"), "the prompt still claims an unlocked key:\n" + screen());
    }
}
