package dev.memos.shell.cmd;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.RejectReason;
import dev.memos.token.TokenVerifier;
import dev.memos.token.Verification;
import dev.memos.token.VerifiedToken;
import java.util.LinkedHashMap;
import java.util.Map;

public final class TokenVerifyCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token verify")
            .group("token")
            .summary("Verify an identity token as a skill would (signature, audience, time, nonce, pinned key, chain)")
            .option(OptionSpec.positional("token", "the cit1.… token").mandatory())
            .option(OptionSpec.value("skill", "ID", "the skill verifying it (the expected audience)").mandatory())
            .option(OptionSpec.value("max-depth", "N", "most delegation links accepted, 1..5").defaultsTo("5"))
            .option(KnownKeySupport.TRUST_ON_FIRST_USE)
            .example("token verify cit1.eyJ… --skill skill:weather")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String skill = TokenSupport.skill(args, false);
        int depth = args.intValue("max-depth", 1, TokenVerifier.DEFAULT_MAX_DEPTH, TokenVerifier.DEFAULT_MAX_DEPTH);
        Verification v;
        try (TokenSupport support = new TokenSupport(ctx)) {
            try (TokenVerifier verifier = support.tokens.verifier(skill, depth, support.knownKeys(),
                    args.flag("trust-on-first-use"))) {
                v = verifier.verify(args.require("token").strip());
            }
            return support.attach(result(v));
        }
    }

    private static CommandResult result(Verification v) {
        if (!v.valid()) {
            RejectReason reason = v.reason().orElseThrow();
            ErrorKind kind = switch (reason) {
                case KEY_MISMATCH -> ErrorKind.KEY_MISMATCH;
                case UNVERIFIED_KEY -> ErrorKind.UNVERIFIED_KEY;
                default -> ErrorKind.AUTH;
            };
            throw new MemosException(kind, "token rejected (" + reason.code() + "): " + v.detail());
        }
        VerifiedToken t = v.token();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("valid", true);
        data.put("moci_id", t.mociId());
        data.put("trust_score", t.trustScore());
        data.put("scope", t.scope());
        data.put("delegation_chain", t.delegationChain());
        data.put("expires_at", t.expiresAt().toString());
        return CommandResult.of("valid: " + t.mociId() + " (trust " + t.trustScore() + ")\nchain: "
                + String.join(" → ", t.delegationChain()) + "\nscope: " + (t.scope().isEmpty() ? "(none)" : String.join(" ", t.scope()))
                + "\nexpires: " + t.expiresAt(), data);
    }
}
