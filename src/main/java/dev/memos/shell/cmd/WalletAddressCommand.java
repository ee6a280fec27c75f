package dev.memos.shell.cmd;

import dev.memos.arweave.JwkWallet;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.nio.file.Path;
import java.util.Map;

public final class WalletAddressCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("wallet address")
            .group("arweave")
            .summary("Print the address of an Arweave JWK wallet")
            .option(ArweaveSupport.WALLET)
            .example("wallet address --wallet ~/.memos/wallet.json")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Path file = ArweaveSupport.requireWalletPath(args, ctx);
        String address = JwkWallet.load(file).address();
        return CommandResult.of(address, Map.of("address", address, "file", file.toString()));
    }
}
