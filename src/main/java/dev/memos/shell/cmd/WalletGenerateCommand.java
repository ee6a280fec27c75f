package dev.memos.shell.cmd;

import dev.memos.arweave.JwkWallet;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Path;
import java.util.Map;

public final class WalletGenerateCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("wallet generate")
            .group("arweave")
            .summary("Create a new Arweave RSA-4096 JWK wallet file (0600); never overwrites")
            .option(OptionSpec.value("out", "FILE", "where to write it (default: $ARWEAVE_JWK_PATH or $MEMOS_HOME/wallet.json)")
                    .completes(OptionSpec.Completion.FILE))
            .example("wallet generate --out ~/.memos/wallet.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Path out = args.path("out").orElseGet(() -> {
            String env = ctx.env().get(JwkWallet.ENV);
            return env == null || env.isBlank() ? ctx.home().ensure().resolve("wallet.json") : Path.of(env);
        });
        JwkWallet w = JwkWallet.generate();
        w.save(out);
        return CommandResult.of("created " + out + "\naddress " + w.address(),
                Map.of("file", out.toString(), "address", w.address()));
    }
}
