package dev.memos.ring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.util.Set;

/**
 * What the trust score is computed from, as of one moment ({@code asOf}), committed to by a v2 signed
 * head (FORMAT.md §10.6, §10.10) so a verifier holding only the head recomputes the score: the chain's
 * genesis and sealed months are head members already; these are the counts the archive flags and the
 * unsealed months give, whether the month of {@code asOf} saw activity, and the quarantine state.
 */
public record TrustInputs(long asOf, int gapMonths, int anomalyMonths, int forkMonths, boolean openMonthActive,
                          boolean quarantined) {
    private static final Set<String> MEMBERS = Set.of("asOf", "gapMonths", "anomalyMonths", "forkMonths", "openMonthActive",
            "quarantined");
    /** Bounds a hostile head cannot exceed: counts are months, times fit 2^40 like token times. */
    private static final long MAX_TIME = 1L << 40;
    private static final int MAX_MONTHS = 1 << 20;

    public TrustInputs {
        if (asOf < 0 || asOf > MAX_TIME || gapMonths < 0 || anomalyMonths < 0 || forkMonths < 0
                || gapMonths > MAX_MONTHS || anomalyMonths > MAX_MONTHS || forkMonths > MAX_MONTHS) {
            throw new IllegalArgumentException("trust inputs out of range");
        }
    }

    /** The inputs of {@code chain} at {@code now}: the same walk {@link TrustScore#of} scores. */
    static TrustInputs of(Chain chain, boolean quarantined, long now) {
        int gaps = 0;
        int anomalies = 0;
        int forks = 0;
        Archive a = chain.archive;
        for (int k = 0; k < a.months(); k++) {
            int f = a.flags(k);
            gaps += (f & ChainFlags.GAP) != 0 ? 1 : 0;
            anomalies += (f & ChainFlags.ANOMALY) != 0 ? 1 : 0;
            forks += (f & ChainFlags.RESOLVED) != 0 ? 1 : 0;
        }
        int open = chain.pendingFlags;
        for (Step s : chain.window) {
            if (Months.of(s.time()) >= a.nextMonth()) {
                open |= s.flags();
            }
        }
        anomalies += (open & ChainFlags.ANOMALY) != 0 ? 1 : 0;
        forks += (open & ChainFlags.RESOLVED) != 0 ? 1 : 0;
        // Whole months not sealed yet (the store was idle, or this is an old proof): inactive ones are gaps too.
        int current = Months.of(now);
        for (int m = a.nextMonth(); m < current; m++) {
            gaps += active(chain, m) ? 0 : 1;
        }
        // A month already sealed is counted by its record; an unsealed one counts once it is whole.
        boolean openActive = current < a.nextMonth() || active(chain, current);
        return new TrustInputs(now, gaps, anomalies, forks, openActive, quarantined);
    }

    private static boolean active(Chain chain, int month) {
        return chain.writeMonths.contains(month) || (month == chain.archive.nextMonth() && chain.pendingFlags != 0)
                || chain.window.stream().anyMatch(s -> Months.of(s.time()) == month);
    }

    /**
     * Gap months at {@code t}: the committed ones, plus every whole month after {@code asOf}'s (nothing
     * is known of them, so they count as inactive) and {@code asOf}'s own month once it is whole, unless
     * it was active.
     */
    int gapsAt(long t) {
        int from = Months.of(asOf);
        int to = Months.of(Math.max(t, asOf));
        if (to == from) {
            return gapMonths;
        }
        return gapMonths + (to - from - 1) + (openMonthActive ? 0 : 1);
    }

    ObjectNode toJson() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("asOf", asOf);
        n.put("gapMonths", gapMonths);
        n.put("anomalyMonths", anomalyMonths);
        n.put("forkMonths", forkMonths);
        n.put("openMonthActive", openMonthActive);
        n.put("quarantined", quarantined);
        return n;
    }

    static TrustInputs fromJson(JsonNode n) {
        if (n == null || !n.isObject() || n.size() != MEMBERS.size()) {
            throw MemosException.integrity("the chain head's trust inputs must be an object with exactly " + MEMBERS);
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!MEMBERS.contains(f)) {
                throw MemosException.integrity("the chain head's trust inputs have an unknown member " + f);
            }
        });
        try {
            return new TrustInputs(whole(n, "asOf", MAX_TIME), (int) whole(n, "gapMonths", MAX_MONTHS),
                    (int) whole(n, "anomalyMonths", MAX_MONTHS), (int) whole(n, "forkMonths", MAX_MONTHS),
                    bool(n, "openMonthActive"), bool(n, "quarantined"));
        } catch (IllegalArgumentException e) {
            throw MemosException.integrity("the chain head's trust inputs are out of range");
        }
    }

    private static long whole(JsonNode n, String name, long max) {
        JsonNode v = n.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw MemosException.integrity("the chain head's trust input " + name + " is not a whole number in range");
        }
        return v.longValue();
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (!v.isBoolean()) {
            throw MemosException.integrity("the chain head's trust input " + name + " is not true or false");
        }
        return v.booleanValue();
    }
}
