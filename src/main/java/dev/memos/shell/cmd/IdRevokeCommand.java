package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;

public final class IdRevokeCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id revoke")
            .group("id")
            .summary("Revoke an identity for good: signs a REVOKED record and tombstones the id")
            .option(IdSupport.idOption())
            .option(OptionSpec.flag("confirm", "required: revocation cannot be undone"))
            .example("id revoke CW-NOVA.R7KMX2-AA --confirm")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.requireConfirm(args, "revoking an identity");
        IdSupport.Target t = IdSupport.target(args, ctx);
        MociId id = t.id();
        IdentityInfo info = t.store().revoke(id, IdSupport.secrets(ctx));
        IdSupport.lockIfUnlocked(ctx, id);
        return t.attach(CommandResult.of("revoked " + id + " (signed REVOKED record stored; the id is tombstoned)",
                IdSupport.describe(info)));
    }
}
