package dev.memos.shell.cmd;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.RingSessions;
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
            List<String> notes = new ArrayList<>();
            String promoted = promoteDue(ctx, u, data, notes);
            return w.attach(CommandResult.of("unlocked " + u.id() + " (tier " + u.tier().number() + ")" + promoted, data)
                    .withWarnings(notes));
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
                lines.add("unlocked " + u.id() + " (tier " + u.tier().number() + ")" + promoteDue(ctx, u, data, warnings));
            } catch (MemosException e) {
                if (ethError != null || e.kind() == dev.memos.error.ErrorKind.FORK_DETECTED) {
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

    /**
     * Opens the identity's memory, which runs the promotions that fell due while it was locked, and
     * says what moved (issue 20 §5: the unlock reports it, so a later 'mem promote' finding nothing
     * due is no surprise). Nothing for an identity without memory or one that may not write; a memory
     * that does not open is a warning here (the memory commands report it in full).
     */
    private static String promoteDue(Context ctx, UnlockedIdentity u, Map<String, Object> data, List<String> warnings) {
        java.nio.file.Path rings = ctx.home().resolve("identities").resolve(u.id().toString()).resolve("rings").resolve(RingStore.FILE);
        if (!u.state().usable() || !java.nio.file.Files.exists(rings)) {
            return "";
        }
        try {
            RingStore store = RingSessions.open(ctx);
            RingStore.PromotionResult p = store.takePromotionAtOpen();
            warnings.addAll(HeadWatchSupport.ifWatched(ctx, store)); // a fork (exit 10) is not a mere warning
            if (!p.moved()) {
                return "";
            }
            data.put("promoted", Map.of("from_ring0", p.fromRing0(), "from_ring1", p.fromRing1(), "from_ring2", p.fromRing2(),
                    "chain_step", p.step()));
            return "; promoted " + (p.fromRing0() + p.fromRing1() + p.fromRing2()) + " due memories (" + p.fromRing0()
                    + " from ring 0, " + p.fromRing1() + " from ring 1, " + p.fromRing2() + " from ring 2), chain step " + p.step();
        } catch (MemosException e) {
            if (e.kind() == dev.memos.error.ErrorKind.FORK_DETECTED) {
                throw e;
            }
            warnings.add("memory of " + u.id() + " not opened: " + e.getMessage());
            return "";
        }
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
