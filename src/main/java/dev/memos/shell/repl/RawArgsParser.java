package dev.memos.shell.repl;

import dev.memos.shell.Tokenizer;
import java.util.List;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Spring Shell's parser replaced by ours: the longest registered command name is resolved and every
 * other token is handed over untouched, so options mean the same in the REPL as everywhere else.
 */
final class RawArgsParser implements CommandParser {
    private final CommandRegistry registry;

    RawArgsParser(CommandRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ParsedInput parse(String input) {
        List<String> tokens = Tokenizer.split(input);
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty input");
        }
        int nameLength = 1;
        if (tokens.size() >= 2 && registry.getCommandByName(tokens.get(0) + " " + tokens.get(1)) != null) {
            nameLength = 2;
        }
        ParsedInput.Builder b = ParsedInput.builder().commandName(tokens.get(0));
        tokens.subList(1, nameLength).forEach(b::addSubCommand);
        List<String> rest = tokens.subList(nameLength, tokens.size());
        for (int i = 0; i < rest.size(); i++) {
            b.addArgument(new CommandArgument(i, rest.get(i)));
        }
        return b.build();
    }
}
