package dev.memos.shell.cmd;

import dev.memos.arweave.JwkWallet;
import dev.memos.arweave.Winston;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

public final class WalletBalanceCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("wallet balance")
            .group("arweave")
            .summary("Show the AR balance of an Arweave wallet on the profile's node")
            .option(ArweaveSupport.WALLET)
            .example("wallet balance --wallet ~/.memos/wallet.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        String address = JwkWallet.load(ArweaveSupport.requireWalletPath(args, ctx)).address();
        var net = ArweaveSupport.network(ctx);
        BigInteger winston = net.retry().run(() -> net.node().balance(address));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("address", address);
        data.put("winston", winston.toString());
        data.put("ar", Winston.toAr(winston));
        data.put("profile", ctx.profile().name());
        return CommandResult.of(address + ": " + Winston.toAr(winston) + " AR (" + winston + " winston) on " + ctx.profile().name(), data);
    }
}
