package dev.memos.shell;

import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EnvSecrets;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityEvents;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityState;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.SecretSource;
import dev.memos.identity.Tier;
import dev.memos.identity.UnlockedIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity a command acts as (mem *, id verify/prove/trust/checkpoint, …): the session's unlocked
 * identity; else, in every mode, the only active identity of this home when it unlocks without asking
 * anyone — tier 1 always, tier 2 with MEMOS_PASSPHRASE, tier 3 with MEMOS_HSM_PIN in the environment —
 * and it then stays unlocked for the session; else an AUTH error that says to run {@code unlock ID}.
 * Never prompts: a one-shot {@code memos mem add "x"} must not stop to ask.
 */
public final class IdentityResolver {
    public static final String PASSPHRASE_ENV = EnvSecrets.PASSPHRASE;
    public static final String HSM_PIN_ENV = EnvSecrets.HSM_PIN;

    private IdentityResolver() {
    }

    public static UnlockedIdentity require(Context ctx) {
        Optional<UnlockedIdentity> current = ctx.session().identity();
        if (current.isPresent()) {
            return current.get();
        }
        IdentityStore store = IdentityStores.open(ctx, IdentityEvents.NONE, w -> { });
        List<IdentityInfo> active = store.list().stream().filter(i -> i.state() == IdentityState.ACTIVE).toList();
        if (active.isEmpty()) {
            throw MemosException.auth("no identity is unlocked and none is active here: create one with 'id generate --name NAME' "
                    + "or run 'unlock ID' (see 'id list')");
        }
        if (active.size() > 1) {
            throw MemosException.auth("no identity is unlocked and " + active.size() + " are active: run 'unlock ID' to choose one "
                    + "(see 'id list')");
        }
        IdentityInfo only = active.get(0);
        String env = only.tier() == Tier.PASSPHRASE ? PASSPHRASE_ENV : only.tier() == Tier.HSM ? HSM_PIN_ENV : null;
        if (env != null && !EnvSecrets.of(ctx.env()).isSet(env)) {
            throw MemosException.auth("no identity is unlocked: " + only.id() + " is tier " + only.tier().number()
                    + "; run 'unlock " + only.id() + "' or set " + env + " in the environment");
        }
        return unlock(ctx, store, only);
    }

    /**
     * The identity {@code id} if the session has it unlocked, or if it is the one {@link #require} would
     * unlock without a prompt; empty otherwise (never an error: for optional work such as signing a
     * fresh audit checkpoint).
     */
    public static Optional<UnlockedIdentity> ifAvailable(Context ctx, String id) {
        Optional<UnlockedIdentity> current = ctx.session().identity();
        if (current.isPresent()) {
            return current.filter(u -> u.id().toString().equals(id));
        }
        try {
            boolean onlyActive = IdentityStores.open(ctx, IdentityEvents.NONE, w -> { }).onlyActive()
                    .filter(i -> i.id().toString().equals(id)).isPresent();
            return onlyActive ? Optional.of(require(ctx)) : Optional.empty();
        } catch (MemosException e) {
            return Optional.empty();
        }
    }

    /**
     * Unlocks {@code info} with secrets from the environment only and makes it the session's identity.
     * A refused secret (wrong passphrase or PIN) is recorded as {@code unlock_failed}.
     */
    static UnlockedIdentity unlock(Context ctx, IdentityStore store, IdentityInfo info) {
        UnlockedIdentity u;
        try {
            u = store.unlock(info.id(), fromEnvironment(ctx));
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.AUTH) {
                unlockFailed(ctx, info.id().toString(), "tier " + info.tier().number(), e);
                throw new MemosException(ErrorKind.AUTH, e.getMessage() + " (run 'unlock " + info.id() + "' to unlock it yourself)", e);
            }
            throw e;
        }
        ctx.session().setIdentity(u);
        return u;
    }

    /** Records a refused unlock: what was being unlocked and the (secret-free) reason. */
    public static void unlockFailed(Context ctx, String what, String how, MemosException e) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("target", what);
        d.put("method", how);
        d.put("reason", e.getMessage());
        ctx.audit(AuditEvents.UNLOCK_FAILED, what.startsWith("CW-") ? what : null, d);
    }

    private static SecretSource fromEnvironment(Context ctx) {
        return (kind, what) -> {
            String name = kind == SecretSource.Kind.HSM_PIN ? HSM_PIN_ENV : PASSPHRASE_ENV;
            return EnvSecrets.of(ctx.env()).passphrase(name).orElseThrow(() ->
                    MemosException.auth("no identity is unlocked: set " + name + " or run 'unlock " + what + "'"));
        };
    }
}
