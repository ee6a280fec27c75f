package dev.memos.app.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@code list} (JSON: backups, offline, legacy_backups): this key's backups of both
 * kinds, single bundles first, then snapshots, and the original MemOS backups apart.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BackupListing(List<Row> backups, boolean offline, List<?> legacyBackups) {
    public BackupListing {
        backups = List.copyOf(backups);
        legacyBackups = List.copyOf(legacyBackups);
    }

    /**
     * One backup. {@code sequence} and {@code unixTime} are null when unknown (a bundle that did not
     * verify, or one the index gives no time); {@code snapshotId} only on snapshots.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(Long sequence, Long unixTime, String txId, long size, String status, String verification, String kind,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String snapshotId) {
        public static Row bundle(BundleRestores.Entry e) {
            return new Row(e.sequence(), e.unixTime(), e.txId(), e.size(), e.status(), e.verification(), "bundle", null);
        }

        /** A snapshot is listed only once it verified under the key. */
        public static Row snapshot(long sequence, long unixTime, String txId, long size, String snapshotId) {
            return new Row(sequence, unixTime, txId, size, "snapshot", "verified", "snapshot", snapshotId);
        }
    }

    /** One warning per sequence that two verified backups carry: a fork (two homes, or an old race), shown, never hidden. */
    public static List<String> forks(List<Row> rows) {
        Map<Long, List<String>> bySeq = new TreeMap<>();
        for (Row r : rows) {
            if ("verified".equals(r.verification()) && r.sequence() != null) {
                bySeq.computeIfAbsent(r.sequence(), k -> new ArrayList<>()).add(String.valueOf(r.txId()));
            }
        }
        List<String> out = new ArrayList<>();
        bySeq.forEach((seq, ids) -> {
            if (ids.size() > 1) {
                out.add("sequence " + seq + " was published " + ids.size() + " times (" + String.join(", ", ids)
                        + "): the chain forked (two homes, or backups from before the home lock); the next backup chains after the newest and records the other snapshots as siblings");
            }
        });
        return out;
    }
}
