package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** completions/ must be what the command model generates: run scripts/gen-completions after changing a command. */
class CompletionFilesTest {
    @Test
    void bash_completion_file_is_in_sync_with_the_command_model() throws Exception {
        assertEquals(CompletionScripts.bash(CommandCatalog.standard()),
                Files.readString(Path.of("completions/memos.bash"), StandardCharsets.UTF_8),
                "completions/memos.bash is stale: run scripts/gen-completions");
    }

    @Test
    void zsh_completion_file_is_in_sync_with_the_command_model() throws Exception {
        assertEquals(CompletionScripts.zsh(CommandCatalog.standard()),
                Files.readString(Path.of("completions/_memos"), StandardCharsets.UTF_8),
                "completions/_memos is stale: run scripts/gen-completions");
    }

    @Test
    void every_command_has_summary_example_and_unique_name() {
        for (Command c : CommandCatalog.standard().commands()) {
            CommandSpec s = c.spec();
            org.junit.jupiter.api.Assertions.assertFalse(s.summary().isBlank(), s.name());
            org.junit.jupiter.api.Assertions.assertTrue(s.example().startsWith(s.name()), s.name() + ": example must use the command");
        }
    }
}
