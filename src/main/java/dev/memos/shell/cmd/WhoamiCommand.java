package dev.memos.shell.cmd;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class WhoamiCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("whoami")
            .group("session")
            .summary("Show whether the session is unlocked and for which address")
            .example("whoami")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Optional<EthPrivateKey> key = ctx.session().peekEthKey();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unlocked", key.isPresent());
        data.put("address", key.map(k -> k.address().checksummed()).orElse(null));
        data.put("mode", ctx.mode().name().toLowerCase(java.util.Locale.ROOT));
        String text = key.map(k -> "unlocked: " + k.address().checksummed()).orElse("locked");
        return CommandResult.of(text, data);
    }
}
