package dev.memos.shell.cmd;

import dev.memos.app.token.TokenIssueRequest;
import dev.memos.app.token.TokenIssueResult;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.IssueRequest;
import java.time.Duration;

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
            .option(OptionSpec.flag("with-head", "embed a freshly signed chain head, so verifiers compute the trust score"
                    + " offline ('token verify --min-trust')"))
            .example("token issue --skill skill:weather --ttl 60 --scope weather:read")
            .example("token issue --skill skill:weather --with-head")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        TokenIssueRequest req = new TokenIssueRequest(args.get("issuer"), args.all("via"), args.require("skill"),
                Duration.ofSeconds(args.longValue("ttl", 60, 300).orElse(IssueRequest.DEFAULT_TTL.getSeconds())), args.all("scope"),
                args.flag("with-head"));
        try (TokenSupport support = new TokenSupport(ctx)) {
            TokenIssueResult t = support.service().issue(req);
            return support.attach(CommandResult.of(t.token(), t));
        }
    }
}
