package dev.memos.ring;

import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The writing operations of {@link RingStore}: add, accept, promote, and the maintenance every write
 * runs (seal finished months, promote what is due, keep the file within budget, re-sign the head).
 * Each mutates the in-memory state, then commits once; any failure reloads the last good file.
 */
final class Writes {
    private static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,23}");

    private Writes() {
    }

    static RingStore.AddResult add(RingStore st, InjectionFilter filter, String text, String kind) {
        st.requireWritable(false);
        if (!KIND.matcher(kind).matches()) {
            throw MemosException.usage("--kind must be a lower-case word (letters, digits, '-'; up to 24), got '" + kind + "'");
        }
        return store(st, filter, new Entry(0, 0, kind, st.writer, 0, text, List.of(), "", 1), false);
    }

    static RingStore.AddResult accept(RingStore st, InjectionFilter filter, SealedEntry sealed) {
        st.requireWritable(false);
        Entry e = sealed.open(st.id, st.keys);
        if (sealed.seq() <= st.state.seq || sealed.ring() != 0) {
            st.event("replay-refused", Map.of("seq", sealed.seq()));
            throw MemosException.integrity("replayed memory entry #" + sealed.seq() + " refused: sequence numbers are used "
                    + "once and the store is at #" + st.state.seq);
        }
        if (!e.writer().equals(st.state.owner)) {
            st.event("write-refused", Map.of("reason", "agent isolation", "writer", e.writer()));
            throw MemosException.auth("'" + e.writer() + "' may not write the memory of " + st.state.owner + " (agent isolation)");
        }
        return store(st, filter, e, true);
    }

    private static RingStore.AddResult store(RingStore st, InjectionFilter filter, Entry draft, boolean keepSeq) {
        StoreState s = st.state;
        RingLimits l = st.limits;
        int size = draft.text().getBytes(StandardCharsets.UTF_8).length;
        if (draft.text().isBlank()) {
            throw MemosException.usage("a memory needs some text");
        }
        if (size > l.maxEntryBytes()) {
            st.event("write-refused", Map.of("reason", "entry too large", "bytes", size));
            throw MemosException.usage("memory entry is " + size + " bytes; the limit is " + l.maxEntryBytes()
                    + " (anti-flood): split it or store a summary");
        }
        long now = st.now();
        long tolerance = l.clockTolerance().toSeconds();
        try {
            if (now < s.lastTime - tolerance) {
                s.anomalies++;
                s.chain.pendingFlags |= ChainFlags.ANOMALY;
                st.commit();
                st.event("clock-drift", Map.of("behind_seconds", s.lastTime - now));
                throw MemosException.usage("the system clock is " + (s.lastTime - now) + " s behind the last memory write "
                        + "(tolerance " + tolerance + " s): fix the clock; nothing was written");
            }
            long time = Math.max(now, s.lastTime);
            rate(st, time, size);
            List<String> flags = filter.flags(draft.text());
            long seq = keepSeq ? draft.seq() : s.seq + 1;
            s.seq = seq;
            s.adds++;
            Entry e = new Entry(seq, 0, draft.kind(), draft.writer(), time, draft.text(), flags, "", 1);
            s.entries.add(SealedEntry.seal(e, st.id, st.keys));
            s.lastTime = time;
            s.chain.noteWrite(time);
            RingStore.PromotionResult p = maintain(st, time, seq);
            st.commit();
            if (!flags.isEmpty()) {
                st.event("entry-flagged", Map.of("seq", seq, "flags", flags));
            }
            return new RingStore.AddResult(seq, flags, p);
        } catch (RuntimeException ex) {
            if (!(ex instanceof MemosException m && m.getMessage().startsWith("the system clock"))) {
                st.reload();
            }
            throw ex;
        }
    }

    private static void rate(RingStore st, long time, int size) {
        StoreState s = st.state;
        RingLimits l = st.limits;
        if (time / 60 != s.rateMinute) {
            s.rateMinute = time / 60;
            s.minuteCount = 0;
        }
        if (time / 86_400 != s.rateDay) {
            s.rateDay = time / 86_400;
            s.dayCount = 0;
            s.dayBytes = 0;
        }
        String why = s.minuteCount >= l.perMinute() ? l.perMinute() + " entries a minute"
                : s.dayCount >= l.perDay() ? l.perDay() + " entries a day"
                : s.dayBytes + size > l.bytesPerDay() ? l.bytesPerDay() + " bytes a day" : null;
        if (why != null) {
            st.event("write-refused", Map.of("reason", "rate limit", "limit", why));
            // Not a usage error: the same command succeeds later, so callers get the "try again later" code.
            throw MemosException.busy("too many memory writes: the limit is " + why + " (anti-flood); nothing was written, try again later");
        }
        s.minuteCount++;
        s.dayCount++;
        s.dayBytes += size;
    }

    static RingStore.PromotionResult promote(RingStore st) {
        st.requireWritable(false);
        long seqBefore = st.state.chain.lastIndex();
        int monthsBefore = st.state.chain.archive.months();
        try {
            RingStore.PromotionResult p = maintain(st, Math.max(st.now(), st.state.lastTime), -1);
            if (st.state.chain.lastIndex() != seqBefore || st.state.chain.archive.months() != monthsBefore) {
                st.commit();
            }
            return p;
        } catch (RuntimeException ex) {
            st.reload();
            throw ex;
        }
    }

    /** Seals months, promotes what is due, enforces the budget (never moving {@code keepSeq}), re-signs the head. */
    static RingStore.PromotionResult maintain(RingStore st, long now, long keepSeq) {
        StoreState s = st.state;
        int month = Months.of(now);
        boolean chainChanged = s.chain.seal(month);
        List<Promoter.Outcome> outcomes = new ArrayList<>();
        Promoter.Outcome due = new Promoter(s, st.keys, st.summaries, st.limits).run(now, 0, -1, keepSeq);
        outcomes.add(due);
        int size = s.encode(st.keys).length;
        for (int ring = 2; ring >= 0 && size > st.limits.totalBudget(); ring--) {
            while (size > st.limits.totalBudget()) {
                Promoter.Outcome o = new Promoter(s, st.keys, st.summaries, st.limits).run(now, size - st.limits.totalBudget(), ring, keepSeq);
                if (!o.moved()) {
                    break;
                }
                outcomes.add(o);
                size = s.encode(st.keys).length;
            }
        }
        if (size > st.limits.totalBudget()) {
            throw MemosException.usage("this memory does not fit the rings budget of " + st.limits.totalBudget()
                    + " bytes even after promoting everything else: store a shorter text or raise rings.budget-bytes");
        }
        s.chain.prune(month);
        boolean moved = outcomes.stream().anyMatch(Promoter.Outcome::moved);
        if (moved || chainChanged) {
            s.head = SignedHead.sign(s.chain, st.signer, s.summarizer, s.quarantine != null, now);
        }
        for (Promoter.Outcome o : outcomes) {
            if (o.fallback()) {
                st.event("summarizer-fallback", Map.of("reason", String.valueOf(o.fallbackReason())));
            }
        }
        return merge(outcomes);
    }

    private static RingStore.PromotionResult merge(List<Promoter.Outcome> outcomes) {
        int a = 0;
        int b = 0;
        int c = 0;
        int made = 0;
        long step = -1;
        List<String> ran = new ArrayList<>();
        boolean fallback = false;
        String reason = null;
        for (Promoter.Outcome o : outcomes) {
            if (!o.moved()) {
                continue;
            }
            a += o.fromRing0();
            b += o.fromRing1();
            c += o.fromRing2();
            made += o.created();
            step = o.step().index();
            o.summarizers().stream().filter(x -> !ran.contains(x)).forEach(ran::add);
            fallback |= o.fallback();
            reason = o.fallback() ? o.fallbackReason() : reason;
        }
        return step < 0 ? RingStore.PromotionResult.none() : new RingStore.PromotionResult(a, b, c, made, step, ran, fallback, reason);
    }
}
