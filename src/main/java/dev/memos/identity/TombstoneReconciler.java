package dev.memos.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the tombstone list with the evidence that survives its deletion (the {@link TombstoneWitness}
 * and revoked identity records still on disk). A tombstone the evidence proves but the list lacks is
 * rebuilt and the caller is told (an integrity error, exit 4): a missing list must never read as
 * "no tombstones", and a dead id must never be imported or generated again because a file was removed.
 */
final class TombstoneReconciler {
    static final String UNKNOWN = "unknown";
    private final FileIdentityStore store;

    TombstoneReconciler(FileIdentityStore store) {
        this.store = store;
    }

    /** What the evidence says beyond the stored list. */
    record Gaps(List<Tombstone> rebuilt, Map<MociId, String> rebuiltFrom, Set<MociId> unexplained, Map<MociId, String> unexplainedFrom) {
        boolean concern(MociId id) {
            return unexplained.contains(id) || rebuiltFrom.containsKey(id);
        }

        boolean any() {
            return !rebuilt.isEmpty() || !unexplained.isEmpty();
        }
    }

    /**
     * The stored list completed from the evidence; rebuilt entries are written (under the identities
     * lock) and reported to the events. Throws INTEGRITY when {@code about} (null: any id) was missing.
     */
    List<Tombstone> reconcile(MociId about, List<Tombstone> stored) {
        Gaps gaps = gaps(stored);
        if (!gaps.rebuilt().isEmpty()) {
            store.locked(() -> {
                gaps.rebuilt().forEach(store::putTombstone);
                return null;
            });
            String sources = gaps.rebuiltFrom().values().stream().distinct().collect(Collectors.joining(", "));
            store.cfg.events.tombstonesRebuilt(gaps.rebuilt(), sources);
        }
        if (about == null ? gaps.any() : gaps.concern(about)) {
            throw MemosException.integrity(describe(gaps, about));
        }
        List<Tombstone> all = new ArrayList<>(stored);
        all.addAll(gaps.rebuilt());
        all.sort(Comparator.comparing(Tombstone::at));
        return List.copyOf(all);
    }

    private Gaps gaps(List<Tombstone> stored) {
        Set<MociId> known = stored.stream().map(Tombstone::id).collect(Collectors.toSet());
        Map<MociId, TombstoneWitness.Evidence> best = new LinkedHashMap<>();
        List<TombstoneWitness.Evidence> all = new ArrayList<>(store.cfg.witness.evidence());
        for (IdentityInfo i : store.list()) {
            if (i.state() == IdentityState.REVOKED) {
                all.add(new TombstoneWitness.Evidence(i.id(), IdentityState.REVOKED, i.updated(), "its revoked identity.json"));
            }
        }
        for (TombstoneWitness.Evidence e : all) {
            if (!known.contains(e.id())) {
                best.merge(e.id(), e, TombstoneReconciler::stronger);
            }
        }
        List<Tombstone> rebuilt = new ArrayList<>();
        Map<MociId, String> rebuiltFrom = new LinkedHashMap<>();
        Set<MociId> unexplained = new TreeSet<>(Comparator.comparing(MociId::toString));
        Map<MociId, String> unexplainedFrom = new LinkedHashMap<>();
        for (TombstoneWitness.Evidence e : best.values()) {
            if (e.state() != null) {
                rebuilt.add(tombstone(e));
                rebuiltFrom.put(e.id(), e.source());
            } else if (!Files.exists(store.directory(e.id()))) {
                unexplained.add(e.id());
                unexplainedFrom.put(e.id(), e.source());
            }
        }
        return new Gaps(List.copyOf(rebuilt), rebuiltFrom, unexplained, unexplainedFrom);
    }

    /** DELETED over REVOKED over "lived here"; the earlier time for equal states. */
    private static TombstoneWitness.Evidence stronger(TombstoneWitness.Evidence a, TombstoneWitness.Evidence b) {
        int ra = rank(a.state());
        int rb = rank(b.state());
        return ra != rb ? (ra > rb ? a : b) : (a.at().isAfter(b.at()) ? b : a);
    }

    private static int rank(IdentityState s) {
        return s == null ? 0 : s == IdentityState.REVOKED ? 1 : 2;
    }

    /** From the identity record when it is still here (key and signed REVOKED record), else what the evidence says. */
    private Tombstone tombstone(TombstoneWitness.Evidence e) {
        IdentityRecord r = Files.exists(store.directory(e.id())) ? store.load(e.id()).orElse(null) : null;
        if (r == null) {
            return new Tombstone(e.id(), e.state(), e.at(), UNKNOWN, UNKNOWN, null, null);
        }
        ObjectNode rev = r.revocation();
        return new Tombstone(e.id(), e.state(), e.at(), r.algorithm().id(), Base64Url.encode(r.publicKey()),
                rev == null ? null : rev.path("record").asText(null), rev == null ? null : rev.path("signature").asText(null));
    }

    private String describe(Gaps g, MociId about) {
        List<String> parts = new ArrayList<>();
        for (Tombstone t : g.rebuilt()) {
            if (about == null || about.equals(t.id())) {
                parts.add(t.id() + " was " + t.state().id() + " (" + g.rebuiltFrom().get(t.id()) + ") but missing from the tombstone list: rebuilt it");
            }
        }
        for (MociId id : g.unexplained()) {
            if (about == null || about.equals(id)) {
                parts.add(g.unexplainedFrom().get(id) + " shows " + id + " lived in this home, but it has neither a folder nor a tombstone");
            }
        }
        return "the tombstone list " + store.root.resolve(TombstoneFile.NAME) + " was removed or rolled back: " + String.join("; ", parts)
                + (g.unexplained().isEmpty() ? "; revoked and deleted ids stay dead"
                : "; restore identities/ from a backup of this home (or, if you removed that folder yourself, remove the counter too)");
    }
}
