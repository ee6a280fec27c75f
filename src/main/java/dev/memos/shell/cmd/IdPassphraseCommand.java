package dev.memos.shell.cmd;

import dev.memos.app.identity.IdentityKeyService;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.Services;

/** {@code id passphrase}: change a tier-2 passphrase; what is refused is the service's. */
public final class IdPassphraseCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id passphrase")
            .group("id")
            .summary("Change the passphrase of a tier-2 identity (old from MEMOS_PASSPHRASE, new from MEMOS_NEW_PASSPHRASE, or no-echo prompts)")
            .option(IdSupport.idOption())
            .example("id passphrase CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        IdentityKeyService.PassphraseChanged r = Services.of(ctx).identityKeys(t.store(), IdSupport.secrets(ctx))
                .changePassphrase(new IdentityKeyService.PassphraseRequest(t.id()));
        return t.attach(CommandResult.of("changed the passphrase of " + r.id() + " (key " + r.fingerprint()
                + " unchanged; the old passphrase no longer opens it)", r));
    }
}
