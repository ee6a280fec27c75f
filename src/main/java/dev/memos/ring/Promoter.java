package dev.memos.ring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves memories outward: ring 0 → 1 (one summary per UTC day), ring 1 → 2 (a key event per summary),
 * ring 2 → 3 (only its digest stays, in the chain). Entries move when they are older than the ring's
 * retention or beyond its cap; every entry involved is decrypted and MAC-checked first, so a
 * corrupted one stops the promotion before anything changes. One promotion = one chain step whose
 * digest names every entry moved and created (FORMAT.md §10.4).
 */
final class Promoter {
    /** What one promotion did. */
    record Outcome(int fromRing0, int fromRing1, int fromRing2, int created, Step step, Set<String> summarizers,
                   boolean fallback, String fallbackReason) {
        boolean moved() {
            return step != null;
        }
    }

    private final StoreState s;
    private final RingKeys keys;
    private final SummaryService summaries;
    private final RingLimits limits;

    Promoter(StoreState state, RingKeys keys, SummaryService summaries, RingLimits limits) {
        this.s = state;
        this.keys = keys;
        this.summaries = summaries;
        this.limits = limits;
    }

    /**
     * Promotes what is due at {@code now}; with {@code extraBytes} > 0 also moves the oldest entries of ring
     * {@code pressRing} until about that many bytes are freed (budget pressure). {@code keepSeq} is never moved.
     */
    Outcome run(long now, int extraBytes, int pressRing, long keepSeq) {
        List<SealedEntry> r0 = sorted(0);
        List<SealedEntry> move0 = new ArrayList<>();
        int bytes0 = s.ring0Bytes();
        int freed = 0;
        for (SealedEntry e : r0) {
            Entry plain = s.open(e, keys);
            boolean due = plain.time() <= now - RingLimits.RING0_AGE.toSeconds() || bytes0 > limits.ring0Bytes();
            if ((due || (pressRing == 0 && freed < extraBytes)) && e.seq() != keepSeq) {
                move0.add(e);
                bytes0 -= e.plainLength();
                freed += e.encodedLength();
            }
        }
        List<Entry> created1 = summariseByDay(move0);
        List<SealedEntry> r1 = sorted(1);
        int keep1 = r1.size() + created1.size();
        List<SealedEntry> move1 = new ArrayList<>();
        for (SealedEntry e : r1) {
            Entry plain = s.open(e, keys);
            if (plain.time() <= now - RingLimits.RING1_AGE.toSeconds() || keep1 > limits.ring1Entries()
                    || (pressRing == 1 && freed < extraBytes)) {
                move1.add(e);
                keep1--;
                freed += e.encodedLength();
            }
        }
        List<Entry> created2 = new ArrayList<>();
        List<SummaryService.Result> runs = new ArrayList<>(lastRuns);
        for (SealedEntry e : move1) {
            Entry plain = s.open(e, keys);
            if (!plain.text().isEmpty()) {
                SummaryService.Result r = summaries.summarize(List.of(plain.text()), limits.ring2SummaryBytes());
                runs.add(r);
                created2.add(new Entry(++s.seq, 2, "key-event", plain.writer(), plain.time(), r.text(), List.of(), r.summarizer(), 1));
            }
        }
        List<SealedEntry> r2 = sorted(2);
        int keep2 = r2.size() + created2.size();
        List<SealedEntry> move2 = new ArrayList<>();
        for (SealedEntry e : r2) {
            Entry plain = s.open(e, keys);
            if (plain.time() <= now - RingLimits.RING2_AGE.toSeconds() || keep2 > limits.ring2Entries()
                    || (pressRing == 2 && freed < extraBytes)) {
                move2.add(e);
                keep2--;
                freed += e.encodedLength();
            }
        }
        if (move0.isEmpty() && move1.isEmpty() && move2.isEmpty()) {
            return new Outcome(0, 0, 0, 0, null, Set.of(), false, null);
        }
        List<Entry> created = new ArrayList<>(created1);
        created.addAll(created2);
        return apply(now, List.of(move0, move1, move2), created, runs);
    }

    private final List<SummaryService.Result> lastRuns = new ArrayList<>();

    private List<Entry> summariseByDay(List<SealedEntry> moving) {
        Map<Long, List<Entry>> byDay = new TreeMap<>();
        for (SealedEntry e : moving) {
            Entry p = s.open(e, keys);
            byDay.computeIfAbsent(Math.floorDiv(p.time(), 86_400L), d -> new ArrayList<>()).add(p);
        }
        List<Entry> out = new ArrayList<>();
        lastRuns.clear();
        for (List<Entry> day : byDay.values()) {
            // Flagged entries never reach a summariser (anti-injection); the summary says how many were withheld.
            List<String> clean = day.stream().filter(e -> !e.flagged()).map(Entry::text).toList();
            SummaryService.Result r = summaries.summarize(clean, limits.ring1SummaryBytes());
            if (!clean.isEmpty()) {
                lastRuns.add(r);
            }
            int withheld = day.size() - clean.size();
            List<String> flags = withheld > 0 ? List.of("withheld-" + withheld) : List.of();
            long time = day.stream().mapToLong(Entry::time).max().orElseThrow();
            out.add(new Entry(++s.seq, 1, "summary", s.owner, time, r.text(), flags, clean.isEmpty() ? "" : r.summarizer(), day.size()));
        }
        return out;
    }

    private Outcome apply(long now, List<List<SealedEntry>> moves, List<Entry> created, List<SummaryService.Result> runs) {
        ObjectNode d = Json.mapper().createObjectNode();
        ArrayNode moved = d.putArray("moved");
        for (List<SealedEntry> ring : moves) {
            for (SealedEntry e : ring) {
                moved.addArray().add(e.seq()).add(e.ring()).add(Hex.encode(Hash.sha256(s.open(e, keys).canonical())));
                s.entries.remove(e);
            }
        }
        ArrayNode made = d.putArray("created");
        for (Entry e : created) {
            made.addArray().add(e.seq()).add(e.ring()).add(Hex.encode(Hash.sha256(e.canonical())));
            s.entries.add(SealedEntry.seal(e, s.id, keys));
        }
        Set<String> ran = new LinkedHashSet<>();
        boolean fallback = false;
        String reason = null;
        for (SummaryService.Result r : runs) {
            ran.add(r.summarizer());
            if (r.fallback()) {
                fallback = true;
                reason = r.failure();
            }
        }
        ArrayNode ranNode = d.putArray("summarizers");
        ran.forEach(ranNode::add);
        d.put("fallback", fallback);
        int flags = ChainFlags.PROMOTION | (fallback ? ChainFlags.FALLBACK : 0);
        String primary = summaries.primaryId();
        if (!fallback && ran.contains(primary) && !primary.equals(s.summarizer)) {
            flags |= ChainFlags.SUMMARIZER_CHANGED;
            d.put("summarizerChangedFrom", s.summarizer);
            s.summarizer = primary;
        }
        Step step = s.chain.append(now, flags, Hash.sha256(CanonicalJson.bytes(d)));
        return new Outcome(moves.get(0).size(), moves.get(1).size(), moves.get(2).size(), created.size(), step, ran, fallback, reason);
    }

    private List<SealedEntry> sorted(int ring) {
        List<SealedEntry> l = new ArrayList<>(s.ring(ring));
        l.sort(Comparator.comparingLong(SealedEntry::seq));
        return l;
    }
}
