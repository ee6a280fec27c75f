package dev.memos.arweave;

/** Where a transaction is: unknown to the node, accepted but not mined, or mined with n confirmations. */
public record TxStatus(State state, long confirmations) {
    public enum State { NOT_FOUND, PENDING, CONFIRMED }

    public static TxStatus notFound() {
        return new TxStatus(State.NOT_FOUND, 0);
    }

    public static TxStatus pending() {
        return new TxStatus(State.PENDING, 0);
    }

    public static TxStatus confirmed(long n) {
        return new TxStatus(State.CONFIRMED, n);
    }

    /** "Not found", "Pending" or "Confirmed (n confirmations)". */
    public String describe() {
        return switch (state) {
            case NOT_FOUND -> "Not found";
            case PENDING -> "Pending";
            case CONFIRMED -> "Confirmed (" + confirmations + (confirmations == 1 ? " confirmation)" : " confirmations)");
        };
    }
}
