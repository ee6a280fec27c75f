package dev.memos.shell.cmd;

import dev.memos.identity.IdentityInfo;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class IdListCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("id list")
            .group("id")
            .summary("List every identity of this home with its state and tier")
            .example("id list")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        IdSupport.Warnings w = new IdSupport.Warnings();
        List<IdentityInfo> all = IdSupport.store(ctx, w).list();
        String active = ctx.session().activeIdentityId().orElse("");
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> data = new ArrayList<>();
        for (IdentityInfo i : all) {
            text.append(String.format("%s %-24s %-9s tier %d%n", i.id().toString().equals(active) ? "*" : " ",
                    i.id(), i.state().id(), i.tier().number()));
            data.add(IdSupport.describe(i));
        }
        return w.attach(CommandResult.of(all.isEmpty() ? "no identities (create one: memos id generate --name NAME)"
                : text.toString().stripTrailing(), Map.of("identities", data)));
    }
}
