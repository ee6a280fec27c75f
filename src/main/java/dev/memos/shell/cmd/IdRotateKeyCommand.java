package dev.memos.shell.cmd;

import dev.memos.app.identity.IdentityKeyService;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.Services;

/** {@code id rotate-key}: pre-rotation (FORMAT §13.6); what is refused is the service's. */
public final class IdRotateKeyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id rotate-key")
            .group("id")
            .summary("Rotate a tier-1/2 identity key: reveal the pre-committed next key, commit to a new one, sign with the current key")
            .option(IdSupport.idOption())
            .example("id rotate-key CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Target t = IdSupport.target(args, ctx);
        IdentityKeyService.KeyRotated r = Services.of(ctx).identityKeys(t.store(), IdSupport.secrets(ctx))
                .rotateKey(new IdentityKeyService.RotateKeyRequest(t.id()));
        // The session's unlocked copy holds the rotated-out key: drop it so nothing signs with it again.
        IdSupport.lockIfUnlocked(ctx, t.id());
        String text = "rotated the key of " + r.id() + ": " + r.previousFingerprint() + " -> " + r.fingerprint()
                + " (key event #" + r.sequence() + ")" + (r.startedLog()
                ? "\nthis identity had no key event log: this first rotation was authorised by the old key alone; later ones are pre-committed"
                : "");
        return t.attach(CommandResult.of(text, r));
    }
}
