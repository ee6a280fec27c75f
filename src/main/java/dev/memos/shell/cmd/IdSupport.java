package dev.memos.shell.cmd;

import dev.memos.crypto.EnvSecrets;
import dev.memos.crypto.Hash;
import dev.memos.crypto.Passphrase;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import dev.memos.identity.IdValidation;
import dev.memos.identity.IdentityEvents;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.identity.SecretSource;
import dev.memos.identity.UnlockedIdentity;
import dev.memos.shell.Args;
import dev.memos.shell.CommandResult;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the `id` commands share: the configured store, secrets from env or prompt, id resolution. */
final class IdSupport {
    static final String PASSPHRASE_ENV = dev.memos.shell.IdentityResolver.PASSPHRASE_ENV;
    static final String EXPORT_PASSPHRASE_ENV = EnvSecrets.EXPORT_PASSPHRASE;
    static final String HSM_PIN_ENV = dev.memos.shell.IdentityResolver.HSM_PIN_ENV;

    /** Warnings the store raised while a command ran (a file restored from its backup). */
    static final class Warnings implements IdentityEvents {
        final List<String> list = new ArrayList<>();

        @Override
        public void recoveredFromBackup(MociId id, String reason) {
            list.add(id + ": identity.json " + reason);
        }

        @Override
        public void damaged(MociId id, String reason) {
            list.add(id + " skipped: " + reason);
        }

        @Override
        public void importKeptState(MociId id, dev.memos.identity.IdentityState exported, dev.memos.identity.IdentityState kept) {
            list.add(id + " stays " + kept.id() + " as it was here (the export holds it " + exported.id() + ")"
                    + (kept == dev.memos.identity.IdentityState.SUSPENDED ? ": 'memos id resume " + id + "' to reactivate it" : ""));
        }

        @Override
        public void tombstonesRebuilt(List<dev.memos.identity.Tombstone> rebuilt, String source) {
            list.add("rebuilt " + rebuilt.size() + " missing tombstone(s) from " + source + ": "
                    + String.join(", ", rebuilt.stream().map(t -> t.id() + " " + t.state().id()).toList()));
        }

        CommandResult attach(CommandResult r) {
            return list.isEmpty() ? r : r.withWarnings(list);
        }
    }

    private IdSupport() {
    }

    /** The identity store of the id commands: {@link dev.memos.shell.IdentityStores} (audit, import checks). */
    static IdentityStore store(Context ctx, Warnings warnings) {
        return dev.memos.shell.IdentityStores.open(ctx, warnings, warnings.list::add);
    }

    /** Environment first (never argv), then a no-echo prompt; new passphrases are asked twice. */
    static SecretSource secrets(Context ctx) {
        return (kind, what) -> {
            String env = switch (kind) {
                case IDENTITY_PASSPHRASE, NEW_IDENTITY_PASSPHRASE -> PASSPHRASE_ENV;
                case EXPORT_PASSPHRASE, NEW_EXPORT_PASSPHRASE -> EXPORT_PASSPHRASE_ENV;
                case HSM_PIN -> HSM_PIN_ENV;
                case REPLACEMENT_PASSPHRASE -> EnvSecrets.NEW_PASSPHRASE;
            };
            Optional<Passphrase> fromEnv = EnvSecrets.of(ctx.env()).passphrase(env);
            if (fromEnv.isPresent()) {
                return fromEnv.get();
            }
            if (!ctx.prompt().available()) {
                throw MemosException.auth("no terminal to ask for " + label(kind) + " of " + what + ": set " + env
                        + " in the environment (never on the command line)");
            }
            Passphrase first = ctx.prompt().read("Enter " + label(kind) + " for " + what + ": ");
            if (kind == SecretSource.Kind.NEW_IDENTITY_PASSPHRASE || kind == SecretSource.Kind.NEW_EXPORT_PASSPHRASE
                    || kind == SecretSource.Kind.REPLACEMENT_PASSPHRASE) {
                try (Passphrase again = ctx.prompt().read("Repeat " + label(kind) + ": ")) {
                    char[] a = first.chars();
                    char[] b = again.chars();
                    boolean same = Arrays.equals(a, b);
                    Arrays.fill(a, '\0');
                    Arrays.fill(b, '\0');
                    if (!same) {
                        first.close();
                        throw MemosException.usage("the two entries differ: nothing was changed, try again");
                    }
                }
            }
            return first;
        };
    }

    private static String label(SecretSource.Kind kind) {
        return switch (kind) {
            case IDENTITY_PASSPHRASE -> "the passphrase";
            case NEW_IDENTITY_PASSPHRASE -> "a new passphrase";
            case EXPORT_PASSPHRASE -> "the export passphrase";
            case NEW_EXPORT_PASSPHRASE -> "a new export passphrase";
            case HSM_PIN -> "the HSM PIN";
            case REPLACEMENT_PASSPHRASE -> "the new passphrase";
        };
    }

    /** The {@code id} positional of the commands that act on one identity. */
    static OptionSpec idOption() {
        return OptionSpec.positional("id", "identity id (default: the unlocked or only identity)")
                .completes(OptionSpec.Completion.IDENTITY);
    }

    /** What a command acting on one identity starts from: the store (collecting its warnings) and the identity named. */
    record Target(Warnings warnings, IdentityStore store, MociId id) {
        CommandResult attach(CommandResult r) {
            return warnings.attach(r);
        }
    }

    /** The store and the identity of {@link #resolve}. */
    static Target target(Args args, Context ctx) {
        Warnings w = new Warnings();
        IdentityStore store = store(ctx, w);
        return new Target(w, store, resolve(args, ctx, store));
    }

    /** Drops the session's unlocked identity if it is {@code id}: it was suspended, revoked, deleted or replaced. */
    static void lockIfUnlocked(Context ctx, MociId id) {
        ctx.session().identity().filter(u -> u.id().equals(id)).ifPresent(u -> ctx.session().lockIdentity());
    }

    /** The one id parser of the commands: exactly as given, never trimmed (FORMAT §7), as {@code id validate} checks it. */
    static MociId parseId(String text) {
        IdValidation v = IdValidation.check(text);
        if (!v.valid()) {
            throw MemosException.usage("invalid id: " + v.message());
        }
        return MociId.parse(text);
    }

    /** The id argument, else the session's identity, else the only identity of this home. */
    static MociId resolve(Args args, Context ctx, IdentityStore store) {
        Optional<String> given = args.get("id");
        if (given.isPresent()) {
            return parseId(given.get());
        }
        Optional<UnlockedIdentity> unlocked = ctx.session().identity();
        if (unlocked.isPresent()) {
            return unlocked.get().id();
        }
        List<IdentityInfo> all = store.list();
        if (all.size() == 1) {
            return all.get(0).id();
        }
        throw MemosException.usage(all.isEmpty() ? "no identity yet: create one with 'memos id generate --name NAME'"
                : "several identities here: name one (see 'memos id list') or 'unlock ID' first");
    }

    static Map<String, Object> describe(IdentityInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("state", i.state().id());
        m.put("tier", i.tier().number());
        m.put("algorithm", i.algorithm().id());
        m.put("public_key", Hex.encode(i.publicKey()));
        m.put("fingerprint", fingerprint(i.publicKey()));
        m.put("created", i.created().toString());
        m.put("updated", i.updated().toString());
        return m;
    }

    /** {@link dev.memos.crypto.KeyFingerprint}: what every key-refusing error names too. */
    static String fingerprint(byte[] publicKey) {
        return dev.memos.crypto.KeyFingerprint.of(publicKey);
    }

    static void requireConfirm(Args args, String what) {
        if (!args.flag("confirm")) {
            throw MemosException.usage(what + " is permanent: repeat the command with --confirm");
        }
    }
}
