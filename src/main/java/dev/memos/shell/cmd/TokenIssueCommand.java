package dev.memos.shell.cmd;

import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.DelegationLink;
import dev.memos.token.IssueRequest;
import dev.memos.token.IssuedToken;
import dev.memos.token.LocalTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class TokenIssueCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token issue")
            .group("token")
            .summary("Issue a short-lived identity token (CIT) for a skill; prints only the token")
            .option(OptionSpec.value("skill", "ID", "the audience skill, e.g. skill:weather").mandatory())
            .option(OptionSpec.value("ttl", "SECONDS", "lifetime, 60..300").defaultsTo("120"))
            .option(OptionSpec.value("scope", "SCOPE", "a scope the token carries (repeatable)").many())
            .option(OptionSpec.value("via", "ID", "identities the authority passes through, in order (repeatable)").many()
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.value("issuer", "ID", "the delegating identity (default: the only one in this home)")
                    .completes(OptionSpec.Completion.IDENTITY))
            .example("token issue --skill skill:weather --ttl 60 --scope weather:read")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        try (TokenSupport support = new TokenSupport(ctx)) {
            return support.attach(issue(args, support.tokens));
        }
    }

    private static CommandResult issue(Args args, LocalTokens tokens) {
        String issuer = args.get("issuer").orElseGet(() -> tokens.issuers().soleIdentity());
        long ttl = args.longValue("ttl", 60, 300).orElse(IssueRequest.DEFAULT_TTL.getSeconds());
        IssueRequest req = new IssueRequest(issuer, args.all("via"), args.require("skill"), Duration.ofSeconds(ttl),
                args.all("scope"));
        IssuedToken t = tokens.issuer().issue(req);
        List<String> path = new ArrayList<>();
        path.add(t.claims().chain().get(0).from());
        t.claims().chain().stream().map(DelegationLink::to).forEach(path::add);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", t.compact());
        data.put("issuer", t.claims().issuer());
        data.put("audience", t.claims().audience());
        data.put("expires_at", Instant.ofEpochSecond(t.claims().expiresAt()).toString());
        data.put("scope", t.claims().scope());
        data.put("delegation_chain", path);
        return CommandResult.of(t.compact(), data);
    }
}
