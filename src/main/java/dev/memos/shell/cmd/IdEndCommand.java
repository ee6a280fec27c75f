package dev.memos.shell.cmd;

import dev.memos.identity.Tombstone;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.OptionSpec;
import java.util.Map;

/** {@code id revoke} and {@code id delete}: the permanent state changes, each behind {@code --confirm}. */
public final class IdEndCommand extends IdStateCommand {
    private IdEndCommand(CommandSpec spec, String confirming, boolean locks, Change change) {
        super(spec, confirming, locks, change);
    }

    public static IdEndCommand revoke() {
        return new IdEndCommand(spec("id revoke", "Revoke an identity for good: signs a REVOKED record and tombstones the id")
                .option(OptionSpec.flag("confirm", "required: revocation cannot be undone"))
                .example("id revoke CW-NOVA.R7KMX2-AA --confirm").build(), "revoking an identity", true,
                (t, id, ctx) -> described("revoked " + id + " (signed REVOKED record stored; the id is tombstoned)",
                        t.store().revoke(id, IdSupport.secrets(ctx))));
    }

    public static IdEndCommand delete() {
        return new IdEndCommand(spec("id delete", "Wipe a revoked identity: key, rings, audit and tokens overwritten and removed; tombstone kept")
                .option(OptionSpec.flag("confirm", "required: deletion cannot be undone"))
                .example("id delete CW-NOVA.R7KMX2-AA --confirm").build(), "deleting an identity", true,
                (t, id, ctx) -> {
                    Tombstone tomb = t.store().delete(id, IdSupport.secrets(ctx));
                    return CommandResult.of("deleted " + id + " (tombstone kept: the id can never be used again)",
                            Map.of("id", id.toString(), "state", tomb.state().id(), "at", tomb.at().toString()));
                });
    }
}
