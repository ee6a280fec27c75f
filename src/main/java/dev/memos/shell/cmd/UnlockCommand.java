package dev.memos.shell.cmd;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.IdentityResolver;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code unlock ID} unlocks that identity (device key, passphrase or HSM PIN as its tier needs).
 * Plain {@code unlock} unlocks the Ethereum key as before and, when this home has exactly one active
 * identity, that identity too.
 */
public final class UnlockCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("unlock")
            .group("session")
            .summary("Unlock the session: an identity (ID), or the Ethereum key (ETH_PRIVATE_KEY or prompt) and the only identity")
            .option(OptionSpec.positional("id", "identity to unlock (tier 2 asks MEMOS_PASSPHRASE, tier 3 MEMOS_HSM_PIN)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .example("unlock CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Warnings w = new IdSupport.Warnings();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unlocked", true);
        Optional<String> given = args.get("id");
        if (given.isPresent()) {
            UnlockedIdentity u = unlockIdentity(ctx, IdSupport.store(ctx, w), IdSupport.parseId(given.get()));
            data.put("identity", u.id().toString());
            return w.attach(CommandResult.of("unlocked " + u.id() + " (tier " + u.tier().number() + ")", data));
        }
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        MemosException ethError = null;
        try {
            EthPrivateKey key = ctx.session().unlock();
            data.put("address", key.address().checksummed());
            lines.add("unlocked " + key.address().checksummed());
        } catch (MemosException e) {
            ethError = e;
            if (e.kind() != dev.memos.error.ErrorKind.AUTH || ctx.env().containsKey(EthPrivateKey.ENV)) {
                // a key that was given but refused (bad format), not merely absent
                IdentityResolver.unlockFailed(ctx, "ethereum-key", "ETH_PRIVATE_KEY", e);
            }
        }
        IdentityStore store = IdSupport.store(ctx, w);
        Optional<IdentityInfo> only = store.onlyActive();
        if (only.isPresent()) {
            try {
                UnlockedIdentity u = unlockIdentity(ctx, store, only.get().id());
                data.put("identity", u.id().toString());
                lines.add("unlocked " + u.id() + " (tier " + u.tier().number() + ")");
            } catch (MemosException e) {
                if (ethError != null) {
                    throw e;
                }
                warnings.add("identity " + only.get().id() + " not unlocked: " + e.getMessage());
            }
        }
        if (ethError != null) {
            if (lines.isEmpty()) {
                throw ethError;
            }
            warnings.add("Ethereum key not unlocked: " + ethError.getMessage());
        }
        return w.attach(CommandResult.of(String.join("\n", lines), data).withWarnings(warnings));
    }

    private static UnlockedIdentity unlockIdentity(Context ctx, IdentityStore store, MociId id) {
        Optional<UnlockedIdentity> current = ctx.session().identity();
        if (current.isPresent() && current.get().id().equals(id)) {
            return current.get();
        }
        UnlockedIdentity u;
        try {
            u = store.unlock(id, IdSupport.secrets(ctx));
        } catch (MemosException e) {
            if (e.kind() == dev.memos.error.ErrorKind.AUTH) {
                IdentityResolver.unlockFailed(ctx, id.toString(), "unlock", e);
            }
            throw e;
        }
        ctx.session().setIdentity(u);
        return u;
    }
}
