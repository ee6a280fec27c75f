package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real upload to arlocal in a real terminal (tmux) shows its progress on stderr, and the same upload
 * under --json shows none although stderr is still the terminal.
 */
@Tag("arlocal")
class ProgressIT {
    /** A drawn bar: phase, percent, bytes done of the total in MB. */
    private static final Pattern UPLOAD_BAR = Pattern.compile("upload\\s+\\d{1,3}%.*\\d+/\\d+ MB");
    private static final Pattern ANY_BAR = Pattern.compile("(upload|download|pack|read back)\\s+(\\d{1,3}|\\?) ?%|MB/s");

    @TempDir
    Path tmp;

    final String session = "memos-progress-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void kill() throws Exception {
        InteractiveIT.tmux("kill-session", "-t", session);
    }

    /** Runs {@code args} in a 120-column tmux pane; returns every screen seen until it finished. */
    private String runInTerminal(String marker, String args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "cd '" + MemosProcess.ROOT + "' && env MEMOS_HOME='" + tmp.resolve("home") + "' MEMOS_PROGRESS_DELAY_MS=0 MEMOS_JAVA='" + java
                + "' ETH_PRIVATE_KEY=0x" + InteractiveIT.KEY_HEX + " scripts/memos " + args + "; echo " + marker + "=$?; sleep 120";
        InteractiveIT.tmux("kill-session", "-t", session);
        InteractiveIT.tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd);
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            String screen = InteractiveIT.tmux("capture-pane", "-p", "-t", session);
            seen.append(screen).append("\n=====\n");
            if (screen.contains(marker + "=")) {
                return seen.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(marker + ": the command did not finish in 240 s:\n" + seen);
    }

    @Test
    void real_upload_shows_progress_on_a_terminal_and_none_under_json() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        // incompressible; the bar is asked to appear at once, since a fast machine posts 4 MB to arlocal
        // in well under the default one-second delay (CI did, and saw no bar)
        byte[] noise = new byte[4_000_000];
        new Random(7).nextBytes(noise);
        Files.write(data.resolve("noise.bin"), noise);

        String shown = runInTerminal("EXITED", "backup --input '" + data + "'");
        assertTrue(shown.contains("EXITED=0"), "backup failed:\n" + shown);
        assertTrue(UPLOAD_BAR.matcher(shown).find(), "no upload progress on the terminal:\n" + shown);

        String json = runInTerminal("JSONEXIT", "--json backup --force --input '" + data + "'");
        assertTrue(json.contains("JSONEXIT=0") && json.contains("\"command\":\"backup\",\"ok\":true"), "json backup failed:\n" + json);
        assertFalse(ANY_BAR.matcher(json).find(), "progress under --json:\n" + json);
    }
}
