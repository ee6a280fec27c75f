package dev.memos.error.archfixture;

import dev.memos.encoding.archfixture.CycleB;

/** One half of a package cycle (error ⇄ encoding) for the slice rule of ArchitectureTest. Test sources only. */
public final class CycleA {
    private CycleA() {
    }

    public static int size() {
        return CycleB.size() + 1;
    }

    static int base() {
        return 1;
    }
}
