package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.identity.IdentityStore;
import dev.memos.identity.MociId;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import dev.memos.error.MemosException;
import dev.memos.identity.Tier;
public final class IdGenerateCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id generate")
            .group("id")
            .summary("Create a new identity: tier 1 by default, --passphrase for tier 2, --hsm for tier 3")
            .option(OptionSpec.value("name", "NAME", "2-12 letters or digits (upper-cased)").mandatory())
            .option(OptionSpec.flag("passphrase", "tier 2: protect the key with a passphrase (MEMOS_PASSPHRASE or prompt)"))
            .option(OptionSpec.flag("hsm", "tier 3: create the key inside the PKCS#11 token (MEMOS_HSM_PIN or prompt)"))
            .example("id generate --name NOVA --passphrase")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        if (args.flag("passphrase") && args.flag("hsm")) {
            throw MemosException.usage("choose one of --passphrase (tier 2) and --hsm (tier 3)");
        }
        Tier tier = args.flag("hsm") ? Tier.HSM : args.flag("passphrase") ? Tier.PASSPHRASE : Tier.DEVICE;
        IdSupport.Warnings w = new IdSupport.Warnings();
        IdentityStore store = IdSupport.store(ctx, w);
        IdentityInfo info = store.create(args.require("name"), tier, IdSupport.secrets(ctx));
        return w.attach(CommandResult.of("created " + info.id() + " (tier " + tier.number() + ", " + info.algorithm().id() + ")",
                IdSupport.describe(info)));
    }
}
