package dev.memos.shell;

import dev.memos.shell.cmd.CompletionCommand;
import dev.memos.shell.cmd.ConfigGetCommand;
import dev.memos.shell.cmd.ConfigListCommand;
import dev.memos.shell.cmd.ConfigSetCommand;
import dev.memos.shell.cmd.HelpCommand;
import dev.memos.shell.cmd.LockCommand;
import dev.memos.shell.cmd.RunCommand;
import dev.memos.shell.cmd.TokenIssueCommand;
import dev.memos.shell.cmd.TokenKeygenCommand;
import dev.memos.shell.cmd.TokenRepinKeyCommand;
import dev.memos.shell.cmd.TokenVerifyCommand;
import dev.memos.shell.cmd.UnlockCommand;
import dev.memos.shell.cmd.VersionCommand;
import dev.memos.shell.cmd.WhoamiCommand;
import java.util.List;

/** The list of every command; a new command is one file plus one line here. */
final class Commands {
    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                // shell and session
                new HelpCommand(), new VersionCommand(), new RunCommand(), new CompletionCommand(),
                new UnlockCommand(), new LockCommand(), new WhoamiCommand(),
                new ConfigGetCommand(), new ConfigSetCommand(), new ConfigListCommand(),
                // token (8)
                new TokenKeygenCommand(), new TokenIssueCommand(), new TokenVerifyCommand(), new TokenRepinKeyCommand()
                // backup (issue 4/5), id (6), mem (7), token (8), audit (9) append below
        );
    }
}
