package dev.memos.identity;

import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.util.Locale;
import java.util.Set;

/**
 * Lifecycle of an identity: active ⇄ suspended, active → revoked → deleted. Every other transition is
 * refused with the current state in the message. Revoked and deleted are permanent.
 */
public enum IdentityState {
    ACTIVE, SUSPENDED, REVOKED, DELETED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IdentityState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public Set<IdentityState> next() {
        return switch (this) {
            case ACTIVE -> Set.of(SUSPENDED, REVOKED);
            case SUSPENDED -> Set.of(ACTIVE);
            case REVOKED -> Set.of(DELETED);
            case DELETED -> Set.of();
        };
    }

    public boolean canBecome(IdentityState target) {
        return next().contains(target);
    }

    /** Throws a USAGE error that names the id, the current state and what is possible instead. */
    public void requireTransition(MociId id, IdentityState target) {
        if (!canBecome(target)) {
            String hint = switch (this) {
                case ACTIVE -> "an active identity can be suspended or revoked";
                case SUSPENDED -> "a suspended identity can only be resumed (then revoked)";
                case REVOKED -> "a revoked identity can only be deleted (delete --confirm)";
                case DELETED -> "a deleted identity is gone for good";
            };
            throw new MemosException(ErrorKind.USAGE, "cannot make " + id + " " + target.id() + ": it is " + id() + "; " + hint);
        }
    }

    /** Whether tokens may be issued and memory written (only when active). */
    public boolean usable() {
        return this == ACTIVE;
    }
}
