package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;

public final class IdImportCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id import")
            .group("id")
            .summary("Import an identity from an export file: verified, re-keyed for this device")
            .option(OptionSpec.positional("file", "the moci-export-XXXXXXXX.enc file").mandatory()
                    .completes(OptionSpec.Completion.FILE))
            .option(OptionSpec.flag("replace", "overwrite an identity with the same id that already exists here (its lifecycle state is kept)"))
            .option(OptionSpec.flag("allow-older", "with --replace: accept an export older than this home's copy (resets the rollback counter; audited)"))
            .example("id import moci-export-a7f3e21b.enc")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        // An --replace may swap the unlocked identity's folder: its open audit log must not outlive the old one.
        ctx.session().activeIdentityId().ifPresent(open -> ctx.session().audit().closeLog(open));
        if (args.flag("allow-older") && !args.flag("replace")) {
            throw dev.memos.error.MemosException.usage("--allow-older only applies with --replace (an identity that exists here)");
        }
        IdentityInfo info = store.importFrom(args.requirePath("file"), args.flag("replace"), args.flag("allow-older"),
                IdSupport.secrets(ctx));
        IdSupport.lockIfUnlocked(ctx, info.id());
        return w.attach(CommandResult.of("imported " + info.id() + " (keys re-derived for this device)",
                IdSupport.describe(info)));
    }
}
