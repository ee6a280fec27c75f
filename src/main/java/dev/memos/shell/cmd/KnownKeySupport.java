package dev.memos.shell.cmd;

import dev.memos.app.identity.KnownKeyPolicy;
import dev.memos.shell.Services;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.Map;

/** The verifying commands' option and rendering of {@link KnownKeys}; the policy is {@link KnownKeyPolicy}'s. */
final class KnownKeySupport {
    static final OptionSpec TRUST_ON_FIRST_USE = OptionSpec.flag("trust-on-first-use",
            "if no key is known for the ID, pin the one presented (compare its fingerprint with the owner first)");

    private KnownKeySupport() {
    }

    static KnownKeys resolver(Context ctx) {
        return resolver(ctx, IdSupport.store(ctx, new IdSupport.Warnings()));
    }

    static KnownKeys resolver(Context ctx, IdentityStore store) {
        return KnownKeyPolicy.resolver(ctx.home(), store, Services.of(ctx).network());
    }

    /** JSON fields naming the key a verdict rests on. */
    static void describe(Map<String, Object> data, KnownKey k, boolean pinnedNow) {
        data.put("fingerprint", k.fingerprint());
        data.put("key_source", pinnedNow ? "trust-on-first-use" : k.source().code());
        data.put("key_origin", k.describe());
    }

    /** "key 3F2A:… (pin (…))" for result lines. */
    static String text(KnownKey k, boolean pinnedNow) {
        return "key " + k.fingerprint() + " (" + (pinnedNow ? "pinned now on first use" : k.describe()) + ")";
    }
}
