package dev.memos.shell.cmd;

import dev.memos.audit.AuditEvents;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.Pin;
import java.util.LinkedHashMap;
import java.util.Map;

public final class TokenRepinKeyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token repin-key")
            .group("token")
            .summary("Accept a changed signing key for a skill: forget the pin (next token re-pins) or pin a given key")
            .option(OptionSpec.positional("skill", "the verifying skill, e.g. skill:weather").mandatory())
            .option(OptionSpec.value("issuer", "ID", "only this issuer (default: every issuer pinned for the skill)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.value("key", "PUBLIC_KEY", "pin exactly this key (base64url, from 'token keygen'); needs --issuer"))
            .example("token repin-key skill:weather --issuer CW-NOVA.R7KMX2-AA")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String skill = TokenSupport.skill(args, false);
        String issuer = args.get("issuer").orElse(null);
        ctx.home().ensure();
        var pins = new TokenSupport(ctx).tokens.pins();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("skill", skill);
        data.put("issuer", issuer);
        if (args.has("key")) {
            if (issuer == null) {
                throw MemosException.usage("--key needs --issuer: say whose key it is");
            }
            byte[] key;
            try {
                key = Base64Url.decode(args.require("key"));
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) {
                throw MemosException.usage("--key must be the 32-byte base64url public key printed by 'token keygen'");
            }
            pins.put(skill, issuer, new Pin(key, null));
            data.put("pinned", args.require("key"));
            return CommandResult.of("pinned the given key of " + issuer + " for " + skill, data)
                    .withWarnings(audit(ctx, skill, issuer, "pinned", 1, args.require("key")));
        }
        int n = pins.remove(skill, issuer);
        data.put("forgotten", n);
        if (n == 0) {
            return CommandResult.of("nothing pinned for " + skill + (issuer == null ? "" : " from " + issuer)
                    + ": the next token will be pinned on first use", data)
                    .withWarnings(audit(ctx, skill, issuer, "forgot", 0, null));
        }
        return CommandResult.of("forgot " + n + " pinned key" + (n == 1 ? "" : "s") + " for " + skill
                + ": the next valid token pins its issuer's key again", data)
                .withWarnings(audit(ctx, skill, issuer, "forgot", n, null));
    }

    /** A changed pin decides whose tokens a skill accepts next: recorded, with the public key when one was given. */
    private static java.util.List<String> audit(Context ctx, String skill, String issuer, String action, int count, String key) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("audience", skill);
        d.put("issuer", issuer == null ? "*" : issuer);
        d.put("action", action);
        d.put("count", String.valueOf(count));
        if (key != null) {
            d.put("public_key", key);
        }
        return ctx.audit(AuditEvents.PIN_CHANGE, issuer, d);
    }
}
