package dev.memos.app.memory;

import dev.memos.audit.AuditEvents;
import dev.memos.ring.RingStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The memory use cases over the rings of the unlocked identity. Owns the policy of a write: every
 * add is recorded in the audit log (seq, kind, size, flags; never the text), a promotion it caused
 * is recorded too, a flagged memory is kept but the caller is warned it is never summarised, and an
 * identity that watches for clones is checked after the write, at most once an hour ({@link CloneCheck}).
 */
public final class MemoryService {
    private final Supplier<RingStore> rings;
    private final BiFunction<String, Map<String, String>, List<String>> audit;
    private final Function<RingStore.PromotionResult, List<String>> promotionAudit;
    private final CloneCheck cloneCheck;

    private MemoryService(Builder b) {
        this.rings = Objects.requireNonNull(b.rings, "rings");
        this.audit = b.audit;
        this.promotionAudit = b.promotionAudit;
        this.cloneCheck = b.cloneCheck;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Supplier<RingStore> rings;
        private BiFunction<String, Map<String, String>, List<String>> audit = (event, details) -> List.of();
        private Function<RingStore.PromotionResult, List<String>> promotionAudit = p -> List.of();
        private CloneCheck cloneCheck = CloneCheck.NONE;

        /** The unlocked identity's rings, opened on first use (throws when nothing is unlocked). */
        public Builder rings(Supplier<RingStore> rings) {
            this.rings = rings;
            return this;
        }

        /** Records an audit event; returns warnings when it could not be recorded. */
        public Builder audit(BiFunction<String, Map<String, String>, List<String>> audit) {
            this.audit = audit;
            return this;
        }

        /** Records a promotion that moved entries; returns warnings. */
        public Builder promotionAudit(Function<RingStore.PromotionResult, List<String>> promotionAudit) {
            this.promotionAudit = promotionAudit;
            return this;
        }

        /** The clone check a write runs (issue 16 §2); default none. */
        public Builder cloneCheck(CloneCheck check) {
            this.cloneCheck = Objects.requireNonNull(check);
            return this;
        }

        public MemoryService build() {
            return new MemoryService(this);
        }
    }

    public MemoryResults.Added add(String text, String kind) {
        RingStore store = rings.get();
        RingStore.AddResult r = store.add(text, kind);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("seq", String.valueOf(r.seq()));
        details.put("kind", kind);
        details.put("bytes", String.valueOf(text.getBytes(StandardCharsets.UTF_8).length));
        details.put("flags", String.join(",", r.flags()));
        List<String> warnings = new ArrayList<>(audit.apply(AuditEvents.MEMORY_WRITE, details));
        warnings.addAll(promotionAudit.apply(r.promotion()));
        if (!r.flags().isEmpty()) {
            warnings.add("memory #" + r.seq() + " was flagged (" + String.join(", ", r.flags()) + "): kept, but never summarised");
        }
        // after the write and outside the rings lock: the memory is stored whatever the check finds (a fork throws exit 10)
        warnings.addAll(cloneCheck.afterWrite(store));
        return new MemoryResults.Added(r.seq(), r.flags(), r.promotion().moved(),
                r.promotion().moved() ? r.promotion().fromRing0() : 0, warnings);
    }

    public MemoryResults.Shown show(OptionalInt ring) {
        RingStore store = rings.get();
        return new MemoryResults.Shown(store.status(), MemoryResults.Memory.of(store.show(ring)));
    }

    public MemoryResults.Found search(String query) {
        List<MemoryResults.Memory> hits = MemoryResults.Memory.of(rings.get().search(query));
        return new MemoryResults.Found(hits.size(), hits);
    }
}
