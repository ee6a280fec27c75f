package dev.memos.identity;

import java.time.Instant;
import java.util.List;

/**
 * Evidence, kept apart from {@code tombstones.json}, that ids lived in this home and were revoked or
 * deleted: the application reads it from the home audit log ({@code lifecycle_change} to revoked /
 * deleted) and the rollback counters. Deleting the tombstone list and its backup copy must not bring
 * a dead id back (issue 20 §3), so the store compares the list with this evidence and fails closed.
 */
@FunctionalInterface
public interface TombstoneWitness {
    /**
     * One piece of evidence. {@code state} is REVOKED or DELETED when the source says so; null when the
     * source only shows that the id lived here (a rollback counter) and its folder is gone.
     */
    record Evidence(MociId id, IdentityState state, Instant at, String source) {
    }

    List<Evidence> evidence();

    TombstoneWitness NONE = List::of;
}
