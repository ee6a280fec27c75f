package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.error.MemosException;
import dev.memos.shell.ArgParser;
import dev.memos.shell.Command;
import dev.memos.shell.CommandCatalog;
import dev.memos.shell.mcp.McpCancellation;
import dev.memos.shell.mcp.McpTool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MCP tool arguments and protocol lines come from a model and its client: arguments either become a
 * command line that parses or fail with a MemosException; the input filter never throws.
 */
class McpInputFuzzTest {
    private static final List<Command> COMMANDS = CommandCatalog.standard().commands();

    @FuzzTest(maxDuration = "30s")
    void tool_arguments_map_to_a_command_line_or_fail_cleanly(FuzzedDataProvider data) {
        Command c = COMMANDS.get(data.consumeInt(0, COMMANDS.size() - 1));
        McpTool tool = McpTool.of(c.spec());
        Map<String, Object> args = new LinkedHashMap<>();
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            String key = data.consumeBoolean() && !c.spec().options().isEmpty()
                    ? c.spec().options().get(data.consumeInt(0, c.spec().options().size() - 1)).name().replace('-', '_')
                    : data.consumeString(12);
            Object value = switch (data.consumeInt(0, 4)) {
                case 0 -> data.consumeBoolean();
                case 1 -> data.consumeLong();
                case 2 -> List.of(data.consumeString(20), data.consumeString(20));
                case 3 -> data.consumeDouble();
                default -> data.consumeString(40);
            };
            args.put(key, value);
        }
        try {
            List<String> line = tool.commandLine(args);
            ArgParser.parse(c.spec(), line.subList(c.spec().words().size(), line.size()));
        } catch (MemosException expected) {
            // a clear usage error naming the argument is the right answer
        }
    }

    @FuzzTest(maxDuration = "30s")
    void protocol_lines_never_break_the_input_filter(FuzzedDataProvider data) {
        new McpCancellation().inspect(data.consumeRemainingAsString());
    }
}
