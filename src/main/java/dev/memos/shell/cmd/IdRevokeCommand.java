package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
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
            .option(OptionSpec.positional("id", "identity id (default: the unlocked or only identity)").completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.flag("confirm", "required: revocation cannot be undone"))
            .example("id revoke CW-NOVA.R7KMX2-E2 --confirm")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.requireConfirm(args, "revoking an identity");
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        MociId id = IdSupport.resolve(args, ctx, store);
        IdentityInfo info = store.revoke(id, IdSupport.secrets(ctx));
        ctx.session().identity().filter(u -> u.id().equals(id)).ifPresent(u -> ctx.session().lockIdentity());
        return w.attach(CommandResult.of("revoked " + id + " (signed REVOKED record stored; the id is tombstoned)",
                IdSupport.describe(info)));
    }
}
