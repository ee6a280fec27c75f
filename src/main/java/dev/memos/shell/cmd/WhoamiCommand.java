package dev.memos.shell.cmd;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class WhoamiCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("whoami")
            .group("session")
            .summary("Show whether the session is unlocked, for which address and which identity")
            .example("whoami")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        Optional<EthPrivateKey> key = ctx.session().peekEthKey();
        Optional<String> identity = ctx.session().activeIdentityId();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unlocked", key.isPresent() || identity.isPresent());
        data.put("address", key.map(k -> k.address().checksummed()).orElse(null));
        data.put("identity", identity.orElse(null));
        data.put("mode", ctx.mode().name().toLowerCase(java.util.Locale.ROOT));
        List<String> parts = new ArrayList<>();
        key.ifPresent(k -> parts.add(k.address().checksummed()));
        identity.ifPresent(parts::add);
        String text = parts.isEmpty() ? "locked" : "unlocked: " + String.join(", ", parts);
        return CommandResult.of(text, data);
    }
}
