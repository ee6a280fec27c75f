package dev.memos.shell.cmd;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.Map;

public final class UnlockCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("unlock")
            .group("session")
            .summary("Unlock the session: the Ethereum key from ETH_PRIVATE_KEY or a no-echo prompt")
            .example("unlock")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        EthPrivateKey key = ctx.session().unlock();
        String address = key.address().checksummed();
        return CommandResult.of("unlocked " + address, Map.of("unlocked", true, "address", address));
    }
}
