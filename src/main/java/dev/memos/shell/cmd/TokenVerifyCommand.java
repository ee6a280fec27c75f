package dev.memos.shell.cmd;

import dev.memos.app.token.TokenVerifyRequest;
import dev.memos.app.token.TokenVerifyResult;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.TokenVerifier;

public final class TokenVerifyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token verify")
            .group("token")
            .summary("Verify an identity token as a skill would (signature, audience, time, nonce, pinned key, chain)")
            .option(OptionSpec.positional("token", "the cit1.… token").mandatory())
            .option(OptionSpec.value("skill", "ID", "the skill verifying it (the expected audience)").mandatory())
            .option(OptionSpec.value("max-depth", "N", "most delegation links accepted, 1..5").defaultsTo("5"))
            .option(KnownKeySupport.TRUST_ON_FIRST_USE)
            .option(OptionSpec.value("min-trust", "N", "refuse issuers whose trust score, computed from their signed chain head"
                    + " (embedded in the token, else the newest published), is below N (10..100)"))
            .example("token verify cit1.eyJ… --skill skill:weather")
            .example("token verify cit1.eyJ… --skill skill:weather --min-trust 50")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        TokenVerifyRequest req = new TokenVerifyRequest(args.require("token"), TokenSupport.skill(args, false),
                args.intValue("max-depth", 1, TokenVerifier.DEFAULT_MAX_DEPTH, TokenVerifier.DEFAULT_MAX_DEPTH),
                args.flag("trust-on-first-use"), args.intValue("min-trust", 10, 100, 0));
        try (TokenSupport support = new TokenSupport(ctx)) {
            TokenVerifyResult t = support.service().verify(req);
            return support.attach(CommandResult.of("valid: " + t.mociId() + " (trust " + t.trustScore() + ", " + trustText(t.trustSource())
                    + ")\nchain: "
                    + String.join(" → ", t.delegationChain()) + "\nscope: " + (t.scope().isEmpty() ? "(none)" : String.join(" ", t.scope()))
                    + "\nexpires: " + t.expiresAt(), t));
        }
    }

    private static String trustText(String source) {
        return "claimed".equals(source) ? "as claimed: not checked" : "computed from the " + source + " chain head";
    }
}
