package dev.memos.encoding.archfixture;

import dev.memos.error.archfixture.CycleA;

/** The other half of the error ⇄ encoding cycle of {@link CycleA}. Test sources only. */
public final class CycleB {
    private CycleB() {
    }

    public static int size() {
        return CycleA.class.getSimpleName().length();
    }
}
