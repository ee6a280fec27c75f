package dev.memos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs bash with completions/memos.bash loaded and asks it to complete partial command lines. */
class BashCompletionIT {
    static List<String> complete(String... words) throws Exception {
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        String script = "source completions/memos.bash; COMP_WORDS=(" + arr + "); COMP_CWORD=" + (words.length - 1)
                + "; _memos; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "-c", script).directory(MemosProcess.ROOT.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    @Test
    void completes_a_partial_command() throws Exception {
        assertEquals(List.of("version"), complete("memos", "vers"));
    }

    @Test
    void completes_sub_commands_and_option_names() throws Exception {
        assertEquals(List.of("set"), complete("memos", "config", "s"));
        assertEquals(List.of("--keep-going"), complete("memos", "run", "--ke"));
    }

    @Test
    void completes_choices_after_global_options() throws Exception {
        assertEquals(List.of("profile"), complete("memos", "--json", "config", "get", "prof"));
        assertEquals(List.of("mainnet"), complete("memos", "--profile", "main"));
    }
}
