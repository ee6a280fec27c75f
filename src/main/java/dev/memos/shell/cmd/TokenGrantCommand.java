package dev.memos.shell.cmd;

import dev.memos.audit.AuditEvents;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.CanonicalJson;
import dev.memos.error.MemosException;
import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.token.DelegationLink;
import dev.memos.token.EthGrantSigner;
import dev.memos.token.Grants;
import dev.memos.token.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class TokenGrantCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("token grant")
            .group("token")
            .summary("Grant an identity authority as a human: a root delegation link signed by the ETH key (EIP-191)")
            .option(OptionSpec.value("to", "ID", "the identity receiving the grant").mandatory()
                    .completes(OptionSpec.Completion.IDENTITY))
            .option(OptionSpec.value("scope", "SCOPE", "a scope granted (repeatable; tokens can only narrow it)").many().mandatory())
            .option(OptionSpec.flag("replace", "replace the identity's existing grant"))
            .example("token grant --to CW-NOVA.R7KMX2-AA --scope weather:read --scope weather:write")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        List<String> scope = args.all("scope");
        if (!Names.isScopeSet(scope) || scope.isEmpty()) {
            throw MemosException.usage("scopes are 1-64 characters of A-Z a-z 0-9 : . _ / - (1 to " + Names.MAX_SCOPES + ")");
        }
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        IdentityInfo to = store.require(IdSupport.parseId(args.require("to")));
        if (!to.state().usable()) {
            throw MemosException.usage(to.id() + " is " + to.state().id() + ": grant authority only to an active identity");
        }
        Path file = to.directory().resolve("tokens").resolve(Grants.FILE);
        if (Files.exists(file) && !args.flag("replace")) {
            throw MemosException.usage(to.id() + " already holds a grant: add --replace to replace it");
        }
        EthGrantSigner human = new EthGrantSigner(EthSigner.of(ArweaveSupport.ethKey(ctx)));
        DelegationLink link = DelegationLink.sign(human.principal(), human, to.id().toString(), to.algorithm(), to.publicKey(), scope);
        Grants.write(file, to.id().toString(), List.of(link));
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("from", human.principal());
        audit.put("to", to.id().toString());
        audit.put("scope", String.join(",", scope));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", human.principal());
        data.put("to", to.id().toString());
        data.put("scope", scope);
        data.put("link", CanonicalJson.string(link.toJson(true)));
        data.put("file", file.toString());
        return w.attach(CommandResult.of("granted " + String.join(" ", scope) + " to " + to.id() + " as " + human.principal()
                + "\ntokens of " + to.id() + " now start their chain with this grant", data))
                .withWarnings(ctx.audit(AuditEvents.CIT_GRANTED, to.id().toString(), audit));
    }
}
