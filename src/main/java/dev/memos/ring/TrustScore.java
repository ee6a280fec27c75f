package dev.memos.ring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trust 10–100 from chain continuity, computed only from the chain (so a verifier gets the same
 * number from a proof) and the verifier's clock. Integer arithmetic, so it is the same everywhere.
 * <pre>
 * age points by days since genesis: 0–29 → 10..24, 30–89 → 25..49, 90–179 → 50..74,
 *                                   180–299 → 75..89, 300+ → 90 + (days − 300)/30 (max 100)
 * − 5 per gap month (no write and no promotion in a whole calendar month, incl. months since the last seal)
 * − 3 per month with an anomaly (clock drift, missing rollback counter)
 * − 15 per resolved fork; a gap or a fork caps the score at 89 (Core needs zero interruptions)
 * quarantined (unresolved fork) → 10
 * </pre>
 */
public record TrustScore(int score, String tier, long ageDays, int agePoints, int gaps, int anomalies, int forks,
                         boolean quarantined) {

    static TrustScore of(Chain chain, boolean quarantined, long now) {
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
        for (int m = a.nextMonth(); m < Months.of(now); m++) {
            final int month = m;
            boolean active = chain.writeMonths.contains(m) || (m == a.nextMonth() && chain.pendingFlags != 0)
                    || chain.window.stream().anyMatch(s -> Months.of(s.time()) == month);
            gaps += active ? 0 : 1;
        }
        return compute(Math.max(0, (now - chain.genesisTime) / 86_400), gaps, anomalies, forks, quarantined);
    }

    public static TrustScore compute(long ageDays, int gaps, int anomalies, int forks, boolean quarantined) {
        int age = agePoints(ageDays);
        int score = age - 5 * gaps - 3 * anomalies - 15 * forks;
        if (gaps > 0 || forks > 0) {
            score = Math.min(score, 89);
        }
        if (quarantined) {
            score = 10;
        }
        score = Math.max(10, Math.min(100, score));
        return new TrustScore(score, tier(score), ageDays, age, gaps, anomalies, forks, quarantined);
    }

    static int agePoints(long d) {
        if (d < 30) {
            return (int) (10 + 14 * d / 30);
        }
        if (d < 90) {
            return (int) (25 + 24 * (d - 30) / 60);
        }
        if (d < 180) {
            return (int) (50 + 24 * (d - 90) / 90);
        }
        if (d < 300) {
            return (int) (75 + 14 * (d - 180) / 120);
        }
        return (int) Math.min(100, 90 + (d - 300) / 30);
    }

    public static String tier(int score) {
        return score >= 90 ? "Core" : score >= 75 ? "Veteran" : score >= 50 ? "Trusted" : score >= 25 ? "Established" : "New";
    }

    public Map<String, Object> parts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("tier", tier);
        m.put("age_days", ageDays);
        m.put("age_points", agePoints);
        m.put("gap_months", gaps);
        m.put("anomaly_months", anomalies);
        m.put("forks", forks);
        m.put("quarantined", quarantined);
        return m;
    }
}
