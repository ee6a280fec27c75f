package dev.memos.app.snapshot;

import dev.memos.error.MemosException;
import dev.memos.snapshot.Repository;
import dev.memos.snapshot.KeyRing;
import dev.memos.snapshot.Snapshots;
import java.util.List;
import java.util.Locale;

/**
 * Turns the SNAPSHOT argument of ls, diff and restore into one verified snapshot. Accepted: a full
 * id (64 hex digits), a unique prefix of 4..63 hex digits, a sequence number (1..9 decimal digits:
 * an all-digit string that short is always read as a sequence) or {@code latest}. Anything that
 * names no snapshot, or more than one, is a usage error (exit 2) that lists the candidates: picking
 * one of two forked heads silently is what issue 15 forbids.
 */
final class SnapshotResolver {
    static final int MIN_PREFIX = 4;
    private static final int SHOWN = 5;

    private SnapshotResolver() {
    }

    static Snapshots.Listed resolve(Repository repo, KeyRing keys, String spec) {
        String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("latest")) {
            List<Snapshots.Listed> all = keys.all(repo);
            if (all.isEmpty()) {
                throw MemosException.usage("no snapshot in " + repo.describe() + ": back up into it first");
            }
            return bySequence(all, all.get(all.size() - 1).snapshot().sequence(), repo, "latest");
        }
        if (s.matches("[0-9]{1,9}")) {
            return bySequence(keys.all(repo), Long.parseLong(s), repo, s);
        }
        if (s.matches("[0-9a-f]{" + MIN_PREFIX + ",64}")) {
            List<String> hits = repo.snapshotIds().stream().filter(id -> id.startsWith(s)).toList();
            if (hits.isEmpty()) {
                throw MemosException.usage("no snapshot " + s + " in " + repo.describe() + " (see 'snapshots')");
            }
            if (hits.size() > 1) {
                throw MemosException.usage("snapshot prefix " + s + " is ambiguous: it matches " + hits.size() + " snapshots ("
                        + shortIds(hits) + "); give more digits");
            }
            return keys.byId(repo, hits.get(0));
        }
        throw MemosException.usage("SNAPSHOT " + clip(spec) + " is not an id, a prefix of at least " + MIN_PREFIX
                + " hex digits, a sequence number or 'latest'");
    }

    private static Snapshots.Listed bySequence(List<Snapshots.Listed> all, long seq, Repository repo, String asked) {
        List<Snapshots.Listed> hits = all.stream().filter(l -> l.snapshot().sequence() == seq).toList();
        if (hits.isEmpty()) {
            throw MemosException.usage("no snapshot with sequence " + seq + " in " + repo.describe() + " (see 'snapshots')");
        }
        if (hits.size() > 1) {
            throw MemosException.usage("'" + asked + "' is ambiguous: " + hits.size() + " snapshots have sequence " + seq + " ("
                    + shortIds(hits.stream().map(Snapshots.Listed::id).toList()) + "), a fork; name one by id");
        }
        return hits.get(0);
    }

    private static String shortIds(List<String> ids) {
        List<String> shown = ids.stream().limit(SHOWN).map(id -> id.substring(0, 16)).toList();
        return String.join(", ", shown) + (ids.size() > SHOWN ? " and " + (ids.size() - SHOWN) + " more" : "");
    }

    private static String clip(String s) {
        String v = s == null ? "" : s.length() > 70 ? s.substring(0, 70) + "…" : s;
        return "'" + v.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
