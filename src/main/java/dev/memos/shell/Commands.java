package dev.memos.shell;

import dev.memos.shell.cmd.AuditAnchorCommand;
import dev.memos.shell.cmd.AuditExportCommand;
import dev.memos.shell.cmd.AuditProveCommand;
import dev.memos.shell.cmd.AuditQueryCommand;
import dev.memos.shell.cmd.AuditTailCommand;
import dev.memos.shell.cmd.AuditVerifyCommand;
import dev.memos.shell.cmd.AuditVerifyProofCommand;
import dev.memos.shell.cmd.CompletionCommand;
import dev.memos.shell.cmd.ConfigGetCommand;
import dev.memos.shell.cmd.ConfigListCommand;
import dev.memos.shell.cmd.ConfigSetCommand;
import dev.memos.shell.cmd.HelpCommand;
import dev.memos.shell.cmd.LockCommand;
import dev.memos.shell.cmd.RunCommand;
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
                // audit (issue 9)
                new AuditTailCommand(), new AuditQueryCommand(), new AuditVerifyCommand(), new AuditExportCommand(),
                new AuditProveCommand(), new AuditVerifyProofCommand(), new AuditAnchorCommand()
                // backup (issue 4/5), id (6), mem (7), token (8), audit (9) append below
        );
    }
}
