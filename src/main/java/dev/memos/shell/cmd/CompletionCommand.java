package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.CompletionScripts;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.Map;

public final class CompletionCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("completion")
            .group("shell")
            .summary("Print the bash or zsh completion script (generated from the command model)")
            .option(OptionSpec.positional("shell", "bash or zsh").mandatory().choices("bash", "zsh"))
            .example("completion bash > /etc/bash_completion.d/memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String shell = args.require("shell");
        String script = shell.equals("zsh") ? CompletionScripts.zsh(ctx.catalog()) : CompletionScripts.bash(ctx.catalog());
        return CommandResult.of(script, Map.of("shell", shell, "script", script));
    }
}
