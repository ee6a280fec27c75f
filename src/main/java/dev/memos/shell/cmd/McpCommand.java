package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.mcp.McpServerRunner;

/** {@code memos mcp}: serve the commands as MCP tools over stdio until the client closes stdin. */
public final class McpCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mcp")
            .group("general")
            .summary("Serve memos to an agent as an MCP server over stdio (secrets from this process's environment)")
            .example("mcp")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) throws Exception {
        McpServerRunner.serve(ctx, ctx.in(), ctx.out());
        return CommandResult.empty();
    }
}
