package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.Version;
import java.util.Map;

public final class VersionCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("version")
            .group("shell")
            .summary("Print the memos version and the Java runtime")
            .example("version")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        return CommandResult.of(Version.banner(), Map.of("version", Version.current(), "java", Runtime.version().toString()));
    }
}
