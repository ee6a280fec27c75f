package dev.memos.shell;

import dev.memos.shell.cmd.AuditAnchorCommand;
import dev.memos.shell.cmd.AuditExportCommand;
import dev.memos.shell.cmd.AuditProveCommand;
import dev.memos.shell.cmd.AuditQueryCommand;
import dev.memos.shell.cmd.AuditTailCommand;
import dev.memos.shell.cmd.AuditVerifyCommand;
import dev.memos.shell.cmd.AuditVerifyProofCommand;
import dev.memos.shell.cmd.BackupCommand;
import dev.memos.shell.cmd.BackupRotateKeyCommand;
import dev.memos.shell.cmd.CompletionCommand;
import dev.memos.shell.cmd.ConfigGetCommand;
import dev.memos.shell.cmd.ConfigListCommand;
import dev.memos.shell.cmd.ConfigSetCommand;
import dev.memos.shell.cmd.DiffCommand;
import dev.memos.shell.cmd.DownloadCommand;
import dev.memos.shell.cmd.HelpCommand;
import dev.memos.shell.cmd.IdCheckForkCommand;
import dev.memos.shell.cmd.IdCheckpointCommand;
import dev.memos.shell.cmd.IdExportCommand;
import dev.memos.shell.cmd.IdGenerateCommand;
import dev.memos.shell.cmd.IdImportCommand;
import dev.memos.shell.cmd.IdListCommand;
import dev.memos.shell.cmd.IdListTombstonesCommand;
import dev.memos.shell.cmd.IdProveCommand;
import dev.memos.shell.cmd.IdResolveForkCommand;
import dev.memos.shell.cmd.IdPinCommand;
import dev.memos.shell.cmd.IdPinsCommand;
import dev.memos.shell.cmd.IdPublishCommand;
import dev.memos.shell.cmd.IdWatchCommand;
import dev.memos.shell.cmd.IdUnpinCommand;
import dev.memos.shell.cmd.IdEndCommand;
import dev.memos.shell.cmd.IdSuspensionCommand;
import dev.memos.shell.cmd.IdStatusCommand;
import dev.memos.shell.cmd.IdTrustCommand;
import dev.memos.shell.cmd.IdValidateCommand;
import dev.memos.shell.cmd.IdVerifyCommand;
import dev.memos.shell.cmd.IdVerifyProofCommand;
import dev.memos.shell.cmd.InitCommand;
import dev.memos.shell.cmd.InspectCommand;
import dev.memos.shell.cmd.ListCommand;
import dev.memos.shell.cmd.LockCommand;
import dev.memos.shell.cmd.LsCommand;
import dev.memos.shell.cmd.McpCommand;
import dev.memos.shell.cmd.MemAddCommand;
import dev.memos.shell.cmd.MemPromoteCommand;
import dev.memos.shell.cmd.MemSearchCommand;
import dev.memos.shell.cmd.MemShowCommand;
import dev.memos.shell.cmd.PackCommand;
import dev.memos.shell.cmd.PriceCommand;
import dev.memos.shell.cmd.RestoreCommand;
import dev.memos.shell.cmd.SnapshotsCommand;
import dev.memos.shell.cmd.CheckCommand;
import dev.memos.shell.cmd.RunCommand;
import dev.memos.shell.cmd.StatusCommand;
import dev.memos.shell.cmd.TokenGrantCommand;
import dev.memos.shell.cmd.TokenIssueCommand;
import dev.memos.shell.cmd.TokenKeygenCommand;
import dev.memos.shell.cmd.TokenRepinKeyCommand;
import dev.memos.shell.cmd.TokenVerifyCommand;
import dev.memos.shell.cmd.UnlockCommand;
import dev.memos.shell.cmd.UnpackCommand;
import dev.memos.shell.cmd.MigrateCommand;
import dev.memos.shell.cmd.UploadCommand;
import dev.memos.shell.cmd.VerifyBundleCommand;
import dev.memos.shell.cmd.VersionCommand;
import dev.memos.shell.cmd.WalletAddressCommand;
import dev.memos.shell.cmd.WalletBalanceCommand;
import dev.memos.shell.cmd.WalletGenerateCommand;
import dev.memos.shell.cmd.WhoamiCommand;
import dev.memos.shell.cmd.X402AuthorizeCommand;
import java.util.List;

/** The list of every command; a new command is one file plus one line here. */
final class Commands {
    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                // shell and session
                new HelpCommand(), new VersionCommand(), new RunCommand(), new CompletionCommand(), new McpCommand(),
                new UnlockCommand(), new LockCommand(), new WhoamiCommand(),
                new ConfigGetCommand(), new ConfigSetCommand(), new ConfigListCommand(),
                // backup (issue 4)
                new PackCommand(), new UnpackCommand(), new MigrateCommand(), new InspectCommand(), new VerifyBundleCommand(),
                // arweave and backup (issue 5)
                new InitCommand(), new StatusCommand(), new BackupCommand(), new BackupRotateKeyCommand(), new RestoreCommand(), new ListCommand(), new SnapshotsCommand(), new CheckCommand(),
                new LsCommand(), new DiffCommand(),
                new UploadCommand(), new DownloadCommand(), new WalletGenerateCommand(), new WalletAddressCommand(),
                new WalletBalanceCommand(), new PriceCommand(), new X402AuthorizeCommand(),
                // id (issue 6)
                new IdGenerateCommand(), new IdValidateCommand(), new IdStatusCommand(), new IdListCommand(),
                new IdListTombstonesCommand(), IdSuspensionCommand.suspend(), IdSuspensionCommand.resume(), IdEndCommand.revoke(),
                IdEndCommand.delete(), new IdExportCommand(), new IdImportCommand(),
                // key rotation and passphrase (issue 16 §3)
                new dev.memos.shell.cmd.IdPassphraseCommand(), new dev.memos.shell.cmd.IdRotateKeyCommand(),
                // mem and the memory chain (issue 7)
                new MemAddCommand(), new MemShowCommand(), new MemSearchCommand(), new MemPromoteCommand(),
                new IdVerifyCommand(), new IdProveCommand(), new IdVerifyProofCommand(), new IdCheckForkCommand(),
                new IdTrustCommand(), new IdCheckpointCommand(), new IdResolveForkCommand(),
                new IdPinCommand(), new IdPinsCommand(), new IdUnpinCommand(), new IdPublishCommand(), new IdWatchCommand(),
                // audit (issue 9)
                new AuditTailCommand(), new AuditQueryCommand(), new AuditVerifyCommand(), new AuditExportCommand(),
                new AuditProveCommand(), new AuditVerifyProofCommand(), new AuditAnchorCommand(),
                // token (8)
                new TokenKeygenCommand(), new TokenIssueCommand(), new TokenVerifyCommand(), new TokenRepinKeyCommand(), new TokenGrantCommand()
        );
    }
}
