package dev.memos.shell.cmd;

import dev.memos.encoding.Base64Url;
import dev.memos.identity.IdPins;
import dev.memos.identity.KnownKey;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class IdPinsCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id pins")
            .group("id")
            .summary("List the identity keys pinned here ('id pin', or 'id verify-proof --trust-on-first-use')")
            .example("id pins")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (KnownKey k : IdPins.of(ctx.home()).list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.id());
            m.put("algorithm", k.algorithm().id());
            m.put("public_key", Base64Url.encode(k.publicKey()));
            m.put("fingerprint", k.fingerprint());
            m.put("origin", k.origin());
            rows.add(m);
            text.append(k.id()).append("  ").append(k.fingerprint()).append("  ").append(k.origin()).append('\n');
        }
        return CommandResult.of(rows.isEmpty() ? "no pinned identity keys" : text.toString().stripTrailing(), Map.of("pins", rows));
    }
}
