package dev.memos.shell.cmd;

import dev.memos.ring.RingStore;
import dev.memos.shell.Args;
import dev.memos.shell.Command;
import dev.memos.shell.CommandResult;
import dev.memos.shell.CommandSpec;
import dev.memos.shell.Context;
import dev.memos.shell.RingSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class MemPromoteCommand implements Command {
    private static final CommandSpec SPEC = CommandSpec.builder("mem promote")
            .group("mem")
            .summary("Promote due memories outward (0→1→2→3) and extend the signed memory chain; safe to repeat")
            .example("mem promote")
            .build();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(Args args, Context ctx) {
        RingStore store = RingSessions.open(ctx);
        // Opening already ran what was due; report that run if it moved anything, else run (idempotently) now.
        long before = store.head().step();
        RingStore.PromotionResult p = store.promote();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("moved", p.moved());
        data.put("fromRing0", p.fromRing0());
        data.put("fromRing1", p.fromRing1());
        data.put("fromRing2", p.fromRing2());
        data.put("chainStep", store.head().step());
        data.put("summarizers", p.summarizers());
        data.put("fallback", p.fallback());
        String text = p.moved()
                ? String.format("promoted %d from ring 0, %d from ring 1, %d from ring 2; chain step %d",
                        p.fromRing0(), p.fromRing1(), p.fromRing2(), store.head().step())
                : "nothing due; chain step " + before;
        CommandResult r = CommandResult.of(text, data).withWarnings(RingSessions.auditPromotion(ctx, p));
        return p.fallback() ? r.withWarnings(List.of("the configured summariser failed (" + p.fallbackReason()
                + "); the built-in one ran instead")) : r;
    }
}
