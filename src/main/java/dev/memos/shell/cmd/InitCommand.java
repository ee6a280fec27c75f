package dev.memos.shell.cmd;

import dev.memos.arweave.JwkWallet;
import dev.memos.config.ConfigKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.OptionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

public final class InitCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("init")
            .group("arweave")
            .summary("Create $MEMOS_HOME (0700) and its config; optionally generate an Arweave wallet")
            .option(OptionSpec.flag("wallet-generate", "also create $MEMOS_HOME/wallet.json (RSA-4096 JWK, 0600)"))
            .example("init --wallet-generate")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        ctx.home().ensure();
        Map<String, Object> data = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("home " + ctx.home());
        if (!Files.exists(ctx.home().configFile())) {
            ctx.config().set(ConfigKey.PROFILE, ctx.config().get(ConfigKey.PROFILE));
            text.append("\nconfig ").append(ctx.home().configFile()).append(" (profile ").append(ctx.profile().name()).append(')');
        }
        data.put("home", ctx.home().toString());
        data.put("profile", ctx.profile().name());
        if (args.flag("wallet-generate")) {
            Path file = ctx.home().resolve("wallet.json");
            if (Files.exists(file)) {
                String address = JwkWallet.load(file).address();
                text.append("\nwallet ").append(file).append(" exists: ").append(address);
                data.put("wallet_address", address);
            } else {
                JwkWallet w = JwkWallet.generate();
                w.save(file);
                text.append("\nwallet ").append(file).append(" created: ").append(w.address());
                data.put("wallet_address", w.address());
            }
            data.put("wallet", file.toString());
        }
        return CommandResult.of(text.toString(), data);
    }
}
