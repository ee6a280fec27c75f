package dev.memos.shell.cmd;

import dev.memos.audit.AuditEntry;
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
import java.util.Optional;

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
        // Opening already ran what was due (and recorded it): report that run if it moved anything,
        // else run (idempotently) now; with nothing moved either way, say when the last promotion ran.
        RingStore.PromotionResult atOpen = store.takePromotionAtOpen();
        RingStore.PromotionResult now = store.promote();
        RingStore.PromotionResult p = now.moved() || !atOpen.moved() ? now : atOpen;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("moved", p.moved());
        data.put("from_ring0", p.fromRing0());
        data.put("from_ring1", p.fromRing1());
        data.put("from_ring2", p.fromRing2());
        data.put("chain_step", store.head().step());
        data.put("summarizers", p.summarizers());
        data.put("fallback", p.fallback());
        String text;
        if (p.moved()) {
            text = String.format("promoted %d from ring 0, %d from ring 1, %d from ring 2; chain step %d",
                    p.fromRing0(), p.fromRing1(), p.fromRing2(), store.head().step());
        } else {
            Optional<AuditEntry> last = RingSessions.lastPromotion(ctx, RingSessions.identity(ctx).id().toString());
            last.ifPresent(e -> data.put("last_promotion", e.toData()));
            text = "nothing due; chain step " + store.head().step() + last.map(e -> "; last promotion " + e.time() + " moved "
                    + e.details().getOrDefault("from_ring0", "0") + " from ring 0, " + e.details().getOrDefault("from_ring1", "0")
                    + " from ring 1, " + e.details().getOrDefault("from_ring2", "0") + " from ring 2 (chain step "
                    + e.details().getOrDefault("chain_step", "?") + ")").orElse("; no promotion recorded yet");
        }
        CommandResult r = CommandResult.of(text, data).withWarnings(p == now ? RingSessions.auditPromotion(ctx, p) : List.of());
        return p.fallback() ? r.withWarnings(List.of("the configured summariser failed (" + p.fallbackReason()
                + "); the built-in one ran instead")) : r;
    }
}
