package dev.memos.snapshot;

import dev.memos.error.MemosException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key in use plus every older key handed over to it (FORMAT.md §14.12), followed through chains
 * of rotations. Each old key counts only up to the head its handover names: a snapshot it made later
 * (by whoever still holds the rotated-out key) is ignored with a warning, never restored as newest.
 * Closes the old keys it opened; the key in use belongs to the caller.
 */
public final class KeyRing implements AutoCloseable {
    /** Rotations followed at most: a longer chain is cut (with a warning) rather than walked forever. */
    static final int MAX_KEYS = 16;

    /** One key of the ring: its keys, the last sequence it may vouch for, and the handover that gave it (null: the key in use). */
    public record Member(SnapshotKeys keys, long lastSequence, String handoverId) {
    }

    private final List<Member> members;
    private final KeyHandover.Head floor;
    private final List<String> warnings;

    private KeyRing(List<Member> members, KeyHandover.Head floor, List<String> warnings) {
        this.members = members;
        this.floor = floor;
        this.warnings = warnings;
    }

    /** Only the key in use: no handover is looked for (a repository that cannot hold any). */
    public static KeyRing single(SnapshotKeys own) {
        return new KeyRing(List.of(new Member(own, Long.MAX_VALUE, null)), null, new ArrayList<>());
    }

    /**
     * Finds the handovers to {@code own} in {@code repo}, then those to each key found, and so on.
     * Problems that only mean "not for us" are skipped; a handover for us that fails a check is an
     * error (INTEGRITY). {@code warnings} collects what the user should hear.
     */
    public static KeyRing open(Repository repo, SnapshotKeys own, List<String> warnings) {
        List<Member> members = new ArrayList<>();
        members.add(new Member(own, Long.MAX_VALUE, null));
        Set<String> seen = new HashSet<>(Set.of(own.address()));
        Deque<SnapshotKeys> queue = new ArrayDeque<>(List.of(own));
        KeyHandover.Head floor = null;
        try {
            while (!queue.isEmpty()) {
                SnapshotKeys to = queue.poll();
                for (KeyHandover.Opened o : handoversTo(repo, to, seen, warnings)) {
                    o.oldBundleKey().close(); // bundles are read with the old key itself (FORMAT.md §14.12)
                    if (members.size() >= MAX_KEYS) {
                        warnings.add("more than " + MAX_KEYS + " key rotations: older handovers are not followed");
                        o.oldKeys().close();
                        continue;
                    }
                    seen.add(o.oldAddress());
                    repo.addOwnerKey(o.oldPublicKey());
                    members.add(new Member(o.oldKeys(), o.head().sequence(), o.id()));
                    queue.add(o.oldKeys());
                    if (to == own && (floor == null || o.head().sequence() > floor.sequence())) {
                        floor = o.head();
                    }
                }
            }
        } catch (RuntimeException e) {
            members.stream().skip(1).forEach(m -> m.keys().close());
            throw e;
        }
        return new KeyRing(List.copyOf(members), floor, warnings);
    }

    /** The verified handovers to {@code to}, one per old address (the one with the highest head), old addresses not yet in the ring. */
    private static List<KeyHandover.Opened> handoversTo(Repository repo, SnapshotKeys to, Set<String> seen, List<String> warnings) {
        Map<String, KeyHandover.Opened> best = new LinkedHashMap<>();
        for (String id : repo.handoverIds(KeyHandover.tag(to))) {
            Optional<KeyHandover.Opened> o = KeyHandover.open(repo.readHandover(id), id, to, warnings::add);
            if (o.isEmpty()) {
                continue;
            }
            KeyHandover.Opened h = o.get();
            KeyHandover.Opened prev = best.get(h.oldAddress());
            if (seen.contains(h.oldAddress()) || (prev != null && prev.head().sequence() >= h.head().sequence())) {
                h.close();
                continue;
            }
            if (prev != null) {
                prev.close();
            }
            best.put(h.oldAddress(), h);
        }
        return new ArrayList<>(best.values());
    }

    /** The key in use. */
    public SnapshotKeys own() {
        return members.get(0).keys();
    }

    public List<Member> members() {
        return members;
    }

    /** The old chain's head named by the newest handover to the key in use: its backups continue after it. */
    public Optional<KeyHandover.Head> handedOverHead() {
        return Optional.ofNullable(floor);
    }

    /** Warnings collected while opening and reading (a handover to another address, a snapshot made after a rotation). */
    public List<String> warnings() {
        return warnings;
    }

    /** The keys of the ring member with this address. */
    public SnapshotKeys keysOf(String address) {
        return members.stream().filter(m -> m.keys().address().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key of " + address + " in the ring")).keys();
    }

    /**
     * Every snapshot of the repository that a ring key vouches for, verified, oldest first. One that
     * no ring key made, or that does not verify, is an error, as in {@link Snapshots#all}; one an old
     * key made after handing over is left out with a warning.
     */
    public List<Snapshots.Listed> all(Repository repo) {
        List<Snapshots.Listed> out = new ArrayList<>();
        for (String id : repo.snapshotIds()) {
            read(repo, id).ifPresent(out::add);
        }
        out.sort(Comparator.comparingLong((Snapshots.Listed l) -> l.snapshot().sequence()).thenComparing(Snapshots.Listed::id));
        return out;
    }

    public Optional<Snapshots.Listed> latest(Repository repo) {
        List<Snapshots.Listed> all = all(repo);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** One snapshot by id; one an old key made after handing over is refused (INTEGRITY). */
    public Snapshots.Listed byId(Repository repo, String id) {
        LocalRepository.checkId(id);
        return read(repo, id).orElseThrow(() -> MemosException.integrity(SnapshotCodec.name(id)
                + " was made by a rotated-out key after it handed its backups over: refused"));
    }

    private Optional<Snapshots.Listed> read(Repository repo, String id) {
        byte[] bytes = repo.readSnapshot(id);
        Member m = members.stream().filter(x -> ObjectHeader.madeUnder(bytes, ObjectHeader.SNAPSHOT_MAGIC, x.keys().snapshotEncKey()))
                .findFirst().orElse(members.get(0)); // no key made it: the key in use reports why
        Snapshot s = SnapshotCodec.read(bytes, id, m.keys());
        if (s.sequence() > m.lastSequence()) {
            warnings.add(SnapshotCodec.name(id) + " (sequence " + s.sequence() + ") was made by " + s.address()
                    + " after it handed its backups over at sequence " + m.lastSequence() + ": ignored");
            return Optional.empty();
        }
        return Optional.of(new Snapshots.Listed(id, s, bytes.length));
    }

    @Override
    public void close() {
        members.stream().skip(1).forEach(m -> m.keys().close());
    }
}
