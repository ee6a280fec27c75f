package dev.memos.shell.cmd;

import dev.memos.app.token.TokenService;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.shell.Args;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import dev.memos.shell.IdentityResolver;
import dev.memos.token.LocalTokens;
import dev.memos.token.Names;
import dev.memos.token.TokenEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the token commands share: {@link LocalTokens} wired to the identity store, identities unlocked
 * on demand (the session's if it is the one asked for; otherwise unlocked with the secrets from the
 * environment or a prompt, and made the session's identity when there was none, so the event lands
 * in its audit log), and token events recorded in the audit log with warnings attached to the result.
 */
final class TokenSupport implements AutoCloseable {
    private final Context ctx;
    private final IdSupport.Warnings idWarnings = new IdSupport.Warnings();
    private final List<String> warnings = new ArrayList<>();
    private final List<UnlockedIdentity> opened = new ArrayList<>();
    private final IdentityStore store;
    final LocalTokens tokens;

    TokenSupport(Context ctx) {
        this.ctx = ctx;
        this.store = IdSupport.store(ctx, idWarnings);
        this.tokens = new LocalTokens(ctx.home(), ctx.clock(), store, this::unlock,
                (event, fields) -> {
                    warnings.addAll(ctx.audit(event, strings(fields)));
                    if (TokenEvents.CLOCK_BEHIND.equals(event)) {
                        warnings.add("this clock (" + fields.get("now") + ") is behind token nonces already purged through "
                                + fields.get("purged_through") + ": check the system time; tokens that expire before then are refused");
                    }
                });
    }

    private synchronized UnlockedIdentity unlock(MociId id) {
        Optional<UnlockedIdentity> session = ctx.session().identity();
        if (session.isPresent() && session.get().id().equals(id)) {
            return session.get();
        }
        for (UnlockedIdentity u : opened) {
            if (u.id().equals(id) && !u.isClosed()) {
                return u;
            }
        }
        UnlockedIdentity u;
        try {
            u = store.unlock(id, IdSupport.secrets(ctx));
        } catch (MemosException e) {
            if (e.kind() == ErrorKind.AUTH) {
                IdentityResolver.unlockFailed(ctx, id.toString(), "tier " + store.require(id).tier().number(), e);
            }
            throw e;
        }
        if (session.isEmpty()) {
            ctx.session().setIdentity(u);
        } else {
            opened.add(u);
        }
        return u;
    }

    /**
     * The {@code skill} argument, checked: a skill that verifies tokens may be any ID; a skill an
     * identity makes a signing key for ({@code forKey}) must be a {@code skill:} name.
     */
    static String skill(Args args, boolean forKey) {
        String skill = args.require("skill");
        if (!(forKey ? Names.isSkill(skill) : Names.isId(skill))) {
            throw MemosException.usage("'" + skill + "' is not a skill ID: use skill:<name>" + (forKey ? " (a-z 0-9 . _ -)" : ""));
        }
        return skill;
    }

    /** Audit details are strings: lists become comma-separated, numbers their decimal form. */
    static Map<String, String> strings(Map<String, Object> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, v instanceof Collection<?> c
                ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        return out;
    }

    /** The known-key resolver over this home's identities and pins, and the profile's gateway. */
    dev.memos.identity.KnownKeys knownKeys() {
        return KnownKeySupport.resolver(ctx, store);
    }

    /** The token service over this support's tokens (its unlocks and events) and the known-key resolver. */
    TokenService service() {
        return TokenService.builder().tokens(tokens).knownKeys(this::knownKeys)
                .heads(() -> dev.memos.app.identity.PublishedHeadSource.over(HeadWatchSupport.channel(ctx)))
                .audit((event, details) -> {
                    warnings.addAll(ctx.audit(event, details));
                    return List.of();
                }).build();
    }

    CommandResult attach(CommandResult r) {
        List<String> all = new ArrayList<>(idWarnings.list);
        all.addAll(warnings);
        return all.isEmpty() ? r : r.withWarnings(all);
    }

    @Override
    public void close() {
        opened.forEach(UnlockedIdentity::close);
        opened.clear();
    }
}
