package dev.memos.store.archfixture;

import dev.memos.identity.MociId;

/** Violates the layer order: store (near the bottom) reaches up into identity. Test sources only. */
public final class StoreUsesIdentity {
    private StoreUsesIdentity() {
    }

    public static String id(String text) {
        return MociId.parse(text).toString();
    }
}
