package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL in a real pseudo-terminal (tmux): completion, no-echo unlock, prompt, history hygiene. */
class InteractiveIT {
    static final String KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @TempDir
    Path tmp;

    final String session = "memos-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void kill() throws Exception {
        tmux("kill-session", "-t", session);
    }

    static String tmux(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    void waitFor(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never showed '" + text + "':\n" + screen());
    }

    void type(String keys) throws Exception {
        tmux("send-keys", "-t", session, "--", keys);
    }

    void press(String key) throws Exception {
        tmux("send-keys", "-t", session, key);
    }

    @Test
    void completion_unlock_prompt_lock_and_clean_history() throws Exception {
        Path home = tmp.resolve("home");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "cd '" + MemosProcess.ROOT + "' && env -u ETH_PRIVATE_KEY MEMOS_HOME='" + home + "' MEMOS_JAVA='" + java
                + "' scripts/memos; echo EXITED=$?; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "50", cmd);
        waitFor("memos(locked)>");

        type("vers");
        press("Tab");
        waitFor("memos(locked)> version");
        press("Enter");
        waitFor("memos 0.");

        type("config get prof");
        press("Tab");
        waitFor("config get profile");
        press("Enter");
        waitFor("local");

        type("unlock");
        press("Enter");
        waitFor("not echoed");
        type(KEY_HEX);
        press("Enter");
        waitFor("unlocked 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        waitFor("memos(0x2c75");
        assertFalse(screen().contains(KEY_HEX), "the key must not be echoed");

        type("whoami");
        press("Enter");
        waitFor("unlocked: 0x2c75");
        // A user pasting a key on the command line by mistake: the line must not be remembered.
        type("unlock 0x" + KEY_HEX);
        press("Enter");
        waitFor("memos: error:");
        type("lock");
        press("Enter");
        waitFor("memos(locked)>");
        type("exit");
        press("Enter");
        waitFor("EXITED=0");

        String history = Files.readString(home.resolve("history"), StandardCharsets.UTF_8);
        assertTrue(history.contains("whoami"), history);
        assertFalse(history.contains(KEY_HEX), "history must never hold the key: " + history);
        assertFalse(history.toLowerCase().contains(KEY_HEX.substring(0, 20)), history);
    }
}
