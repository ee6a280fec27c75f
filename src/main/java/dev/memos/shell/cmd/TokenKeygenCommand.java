package dev.memos.shell.cmd;

import dev.memos.audit.AuditEvents;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.LocalTokens;
import dev.memos.error.MemosException;
import java.util.LinkedHashMap;
import java.util.Map;

public final class TokenKeygenCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token keygen")
            .group("token")
            .summary("Create the key an identity signs tokens for one skill with; prints the public key for the skill")
            .option(OptionSpec.positional("skill", "the skill ID, e.g. skill:weather").mandatory())
            .option(OptionSpec.value("issuer", "ID", "the identity (default: the only one in this home)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.flag("rotate", "replace an existing key (verifiers must then run 'token repin-key')"))
            .example("token keygen skill:weather")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String skill = TokenSupport.skill(args, true);
        try (TokenSupport support = new TokenSupport(ctx)) {
            return support.attach(keygen(args, skill, support.tokens, ctx));
        }
    }

    private static CommandResult keygen(Args args, String skill, LocalTokens tokens, Context ctx) {
        String issuer = args.get("issuer").orElseGet(() -> tokens.issuers().soleIdentity());
        if (tokens.issuers().find(issuer).isEmpty()) {
            throw MemosException.usage("no identity " + issuer + " in this home: list them with 'memos id list'");
        }
        Signer key = tokens.keys().generate(issuer, skill, args.flag("rotate"));
        String pub = Base64Url.encode(key.publicKey());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", issuer);
        data.put("skill", skill);
        data.put("algorithm", key.algorithm().id());
        data.put("public_key", pub);
        data.put("rotated", args.flag("rotate"));
        data.put("sealed_to_identity", tokens.keys().identitySealed(issuer, skill));
        // What a delegator grants to (tokens/grants.json); printed for programs only, people need the skill key.
        data.put("identity_key", Base64Url.encode(tokens.issuers().find(issuer).orElseThrow().publicKey()));
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("skill", skill);
        audit.put("public_key", pub);
        audit.put("rotated", String.valueOf(args.flag("rotate")));
        audit.put("sealed_to_identity", String.valueOf(data.get("sealed_to_identity")));
        return CommandResult.of((args.flag("rotate") ? "replaced" : "created") + " the " + skill + " key of " + issuer
                + "\npublic key (give it to the skill): " + pub, data)
                .withWarnings(ctx.audit(AuditEvents.SKILL_KEY_CREATED, issuer, audit));
    }
}
