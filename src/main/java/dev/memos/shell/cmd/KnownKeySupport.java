package dev.memos.shell.cmd;

import dev.memos.app.identity.KnownKeyPolicy;
import dev.memos.shell.Services;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.KnownKey;
import dev.memos.identity.KnownKeys;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.util.Map;
import java.util.Optional;

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

    /** Trust on first use, once everything else verified: pins the key (refused if another was pinned meanwhile). */
    static KnownKey pinAfterSuccess(Context ctx, KnownKeys keys, Optional<KnownKey> known, String id, SignatureAlgorithm alg,
                                    byte[] key, String origin) {
        KnownKey k = KnownKeyPolicy.pinAfterSuccess(keys, known, id, alg, key, origin);
        if (known.isEmpty()) {
            auditPin(ctx, id, "pinned-on-first-use", k);
        }
        return k;
    }

    /**
     * A changed identity pin decides whose proofs, fork proofs and tokens this home accepts next, so it
     * is a {@code pin_change} event in the home log (action pinned, replaced, pinned-on-first-use,
     * forgot), with the key's fingerprint and origin.
     */
    static java.util.List<String> auditPin(Context ctx, String id, String action, KnownKey k) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("kind", "identity-pin");
        d.put("id", id);
        d.put("action", action);
        if (k != null) {
            d.put("fingerprint", k.fingerprint());
            d.put("public_key", dev.memos.encoding.Base64Url.encode(k.publicKey()));
            d.put("origin", k.origin());
        }
        return ctx.audit(dev.memos.audit.AuditEvents.PIN_CHANGE, d);
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
