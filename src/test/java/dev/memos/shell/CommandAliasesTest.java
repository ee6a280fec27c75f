package dev.memos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MOCI seed's audit-tail/-query/-verify/-export run as the two-word commands and stay out of completion. */
class CommandAliasesTest {
    @TempDir
    Path tmp;

    @Test
    void seed_audit_names_run_the_same_command_as_the_two_word_names() {
        CliHarness cli = new CliHarness(tmp.resolve("h"));
        cli.generate("NOVA");
        for (Map.Entry<String, String> a : CommandCatalog.aliases().entrySet()) {
            CommandCatalog.Match m = CommandCatalog.standard().resolve(List.of(a.getKey(), "--json"));
            assertEquals(a.getValue(), m.command().spec().name(), a.getKey());
            assertEquals(1, m.consumed(), a.getKey());
        }
        CliHarness.Run tail = cli.run("--json", "audit-tail", "-n", "5");
        assertEquals(0, tail.exit(), tail.err());
        assertEquals("audit tail", tail.json().get("command").asText());
        assertEquals(cli.run("--json", "audit", "tail", "-n", "5").result(), tail.result());
        CliHarness.Run verify = cli.run("audit-verify");
        assertEquals(0, verify.exit(), verify.err());
        CliHarness.Run query = cli.run("audit-query", "--last", "1h");
        assertEquals(0, query.exit(), query.err());
        Path out = tmp.resolve("export.jsonl");
        CliHarness.Run export = cli.run("audit-export", "--format", "jsonl", "--output", out.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(Files.exists(out));
        assertEquals(0, cli.run("help", "audit-tail").exit());
    }

    @Test
    void aliases_are_hidden_from_help_listing_and_completion() throws Exception {
        CommandCatalog catalog = CommandCatalog.standard();
        String bash = CompletionScripts.bash(catalog);
        String zsh = CompletionScripts.zsh(catalog);
        String overview = new CliHarness(tmp.resolve("h2")).run("help").out();
        for (String alias : CommandCatalog.aliases().keySet()) {
            assertFalse(catalog.topWords().contains(alias), alias);
            assertFalse(bash.contains(alias), alias + " in bash completion");
            assertFalse(zsh.contains(alias), alias + " in zsh completion");
            assertFalse(overview.contains(alias), alias + " in help");
            assertFalse(Files.readString(Path.of("completions/memos.bash"), StandardCharsets.UTF_8).contains(alias));
        }
    }

    @Test
    void a_near_miss_of_an_alias_is_still_an_unknown_command() {
        CliHarness.Run r = new CliHarness(tmp.resolve("h3")).run("audit-tails");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("unknown command 'audit-tails'"), r.err());
    }
}
