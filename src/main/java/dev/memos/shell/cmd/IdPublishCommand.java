package dev.memos.shell.cmd;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.InceptionRecords;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.shell.RingSessions;
import java.util.LinkedHashMap;
import java.util.Map;

public final class IdPublishCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id publish")
            .group("id")
            .summary("Publish the identity's inception record (its ID and public key, signed) so verifiers anywhere find its key")
            .option(OptionSpec.flag("again", "publish a new record even if this home published one on this profile"))
            .example("id publish")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        UnlockedIdentity u = RingSessions.identity(ctx);
        InceptionSupport.Published p = InceptionSupport.publish(ctx, u, args.flag("again"));
        InceptionSupport.conflict(p).ifPresent(w -> {
            throw new MemosException(ErrorKind.KEY_MISMATCH, w);
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", p.id());
        data.put("tx_id", p.txId());
        data.put("published_now", p.now());
        data.put("fingerprint", dev.memos.crypto.KeyFingerprint.of(p.publicKey()));
        data.put("earliest_tx", p.earliest().map(InceptionRecords.Found::txId).orElse(null));
        String state = p.earliest().map(f -> "the earliest record on " + ctx.profile().name() + " is tx " + f.txId() + " (block "
                + f.height() + ") and names this key").orElse("not confirmed yet: verifiers find it once it is in a block");
        return CommandResult.of((p.now() ? "published" : "already published") + " the inception record of " + p.id() + " as "
                + p.txId() + " (key " + data.get("fingerprint") + "); " + state, data);
    }
}
