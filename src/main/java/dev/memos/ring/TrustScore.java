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
        // One path for the local score and a verifier's: the score of the inputs a v2 head would commit to now.
        return at(chain.genesisTime, TrustInputs.of(chain, quarantined, now), now);
    }

    /**
     * The score a verifier computes from a v2 signed head alone (FORMAT.md §10.10) at time {@code t}
     * (a token's issued-at): age from the head's genesis to max(t, asOf), gaps as {@link TrustInputs#gapsAt}.
     * Throws for a v1 head, which commits to no trust inputs.
     */
    public static TrustScore fromHead(SignedHead head, long t) {
        if (head.trust() == null) {
            throw dev.memos.error.MemosException.integrity("a " + SignedHead.FORMAT
                    + " chain head commits to no trust inputs: the score cannot be computed from it");
        }
        return at(head.genesis(), head.trust(), t);
    }

    private static TrustScore at(long genesis, TrustInputs in, long t) {
        long when = Math.max(t, in.asOf());
        return compute(Math.max(0, (when - genesis) / 86_400), in.gapsAt(when), in.anomalyMonths(), in.forkMonths(),
                in.quarantined());
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
