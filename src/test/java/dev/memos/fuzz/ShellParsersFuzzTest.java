package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.error.MemosException;
import dev.memos.shell.ArgParser;
import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.Tokenizer;
import java.util.List;

/**
 * `.memos` script lines and command arguments come from users and agents: any input must either
 * parse or fail with a MemosException, never with another exception.
 */
class ShellParsersFuzzTest {
    private static final List<Command> COMMANDS = CommandCatalog.standard().commands();

    @FuzzTest(maxDuration = "30s")
    void script_lines_parse_or_fail_cleanly(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        try {
            List<String> tokens = Tokenizer.split(line);
            if (!tokens.isEmpty()) {
                CommandCatalog.standard().resolve(tokens);
            }
        } catch (MemosException expected) {
            // a clear usage error is the right answer to garbage
        }
    }

    @FuzzTest(maxDuration = "30s")
    void arguments_parse_or_fail_cleanly(FuzzedDataProvider data) {
        Command c = COMMANDS.get(data.consumeInt(0, COMMANDS.size() - 1));
        List<String> args = List.of(data.consumeRemainingAsString().split(" ", -1));
        try {
            ArgParser.parse(c.spec(), args);
        } catch (MemosException expected) {
            // as above
        }
    }
}
