package dev.memos.shell.cmd;

import dev.memos.identity.Tombstone;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class IdListTombstonesCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id list-tombstones")
            .group("id")
            .summary("List revoked and deleted ids (they can never be generated or imported again)")
            .example("id list-tombstones")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        List<Tombstone> all = IdSupport.store(ctx, new IdSupport.Warnings()).tombstones();
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> data = new ArrayList<>();
        for (Tombstone t : all) {
            text.append(String.format("%-24s %-8s %s%n", t.id(), t.state().id(), t.at()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id().toString());
            m.put("state", t.state().id());
            m.put("at", t.at().toString());
            m.put("algorithm", t.algorithm());
            m.put("public_key", t.publicKey());
            m.put("revocation", t.revocation());
            m.put("signature", t.signature());
            data.add(m);
        }
        return CommandResult.of(all.isEmpty() ? "no tombstones" : text.toString().stripTrailing(), Map.of("tombstones", data));
    }
}
