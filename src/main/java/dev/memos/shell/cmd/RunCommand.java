package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.Printer;
import dev.memos.shell.ScriptRunner;
import java.util.LinkedHashMap;
import java.util.Map;

public final class RunCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("run")
            .group("shell")
            .summary("Run a .memos script: one command a line, stops at the first failing line")
            .option(OptionSpec.positional("file", "the script (UTF-8, # comments)").mandatory().completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.flag("keep-going", "run every line; exit non-zero at the end if any failed"))
            .example("run examples/backup.memos")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Printer printer = new Printer(ctx.out(), ctx.err(), false);
        ScriptRunner.Summary summary = ScriptRunner.run(args.requirePath("file"), args.flag("keep-going"), ctx, printer);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", args.require("file"));
        data.put("lines_run", summary.run());
        data.put("lines_failed", summary.failed());
        return CommandResult.of("", data);
    }
}
