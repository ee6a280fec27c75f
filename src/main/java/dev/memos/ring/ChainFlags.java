package dev.memos.ring;

import java.util.ArrayList;
import java.util.List;

/** Bits of a ring-3 step and of a month record (FORMAT.md §10.5). */
public final class ChainFlags {
    public static final int GENESIS = 0x01;
    public static final int PROMOTION = 0x02;
    /** Clock drift, a missing rollback counter, a quarantine: anything that lowers trust. */
    public static final int ANOMALY = 0x04;
    /** A different summariser (model) ran than at the previous promotion. */
    public static final int SUMMARIZER_CHANGED = 0x08;
    /** The external summariser failed and the built-in one ran instead. */
    public static final int FALLBACK = 0x10;
    /** Month records only: memories were written that month. */
    public static final int WRITES = 0x20;
    /** An operator resolved a quarantine (fork) at this step. */
    public static final int RESOLVED = 0x40;
    /** Month records only: no step and no write that month (an interruption). */
    public static final int GAP = 0x80;
    /**
     * Steps only (the same bit as {@link #GAP}, which exists only in month records): the identity was
     * revoked; the step's digest binds the signed REVOKED record. Nothing is written after it, so the
     * month holding it is never sealed.
     */
    public static final int REVOKED = 0x80;

    private ChainFlags() {
    }

    public static List<String> names(int flags) {
        String[] names = {"genesis", "promotion", "anomaly", "summarizer-changed", "fallback", "writes", "resolved", "gap"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }
}
