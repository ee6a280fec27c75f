package dev.memos.shell.repl;

import dev.memos.shell.CommandSpec;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProvider;

/**
 * One of our commands as Spring Shell sees it: name, help and options. It is
 * never executed through Spring (our REPL loop dispatches lines itself), so every mode runs the
 * same code path.
 */
final class ModelCommand implements Command {
    private final CommandSpec spec;
    private final List<CommandOption> options;

    ModelCommand(CommandSpec spec) {
        this.spec = spec;
        this.options = spec.named().stream()
                .map(o -> CommandOption.with()
                        .longName(o.name())
                        .description(o.description())
                        .required(false) // Spring Shell's help unboxes this Boolean
                        .type(o.isFlag() ? boolean.class : String.class)
                        .build())
                .toList();
    }

    @Override
    public String getName() {
        return spec.name();
    }

    @Override
    public String getDescription() {
        return spec.summary();
    }

    @Override
    public String getHelp() {
        return spec.usage();
    }

    @Override
    public String getGroup() {
        return spec.group();
    }

    @Override
    public List<CommandOption> getOptions() {
        return options;
    }

    @Override
    public ExitStatus execute(CommandContext ctx) {
        throw new UnsupportedOperationException("memos commands run through the memos dispatcher");
    }

    /** Completion is done by {@link MemosCompleter} for the whole line, not per command. */
    @Override
    public CompletionProvider getCompletionProvider() {
        return ctx -> List.of();
    }

    // CommandRegistry keeps commands in a HashSet: identity is the name.
    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.getName().equals(getName());
    }

    @Override
    public int hashCode() {
        return getName().hashCode();
    }
}
