package dev.memos.app.snapshot;

import dev.memos.arweave.Winston;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * What storing a backup's new bytes on Arweave would cost, and the {@code --max-spend} rule: a
 * price above the cap is refused (PAYMENT, exit 6) before anything is written or uploaded. The
 * price source is injected (the profile's node, GET /price/{bytes}) so tests need no network.
 */
public final class BackupPricing {
    /** A price: bytes to store and the winston/AR the node asked for them. */
    public record Quote(long bytes, String winston, String ar) {
    }

    private final LongFunction<BigInteger> winstonFor;

    private BackupPricing(Builder b) {
        this.winstonFor = Objects.requireNonNull(b.winstonFor, "price source");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The price source (bytes → winston); required. */
    public static final class Builder {
        private LongFunction<BigInteger> winstonFor;

        public Builder winstonFor(LongFunction<BigInteger> f) {
            winstonFor = f;
            return this;
        }

        public BackupPricing build() {
            return new BackupPricing(this);
        }
    }

    public Quote quote(long bytes) {
        BigInteger w = winstonFor.apply(bytes);
        return new Quote(bytes, w.toString(), Winston.toAr(w));
    }

    /** Refuses a cap in a unit this price source does not quote, before any work is done. */
    public void requireComparable(SpendCap cap) {
        if (cap.unit() != SpendCap.Unit.AR) {
            throw MemosException.usage("--max-spend " + cap + ": this backup is priced by the node in AR; give the cap in AR");
        }
    }

    /**
     * Refuses when {@code quote} exceeds {@code cap}. The node prices in AR, so a USDC cap cannot be
     * compared here: it is refused by name rather than waved through.
     */
    public void enforce(SpendCap cap, Quote quote) {
        requireComparable(cap);
        if (new BigInteger(quote.winston()).compareTo(cap.winston()) > 0) {
            throw MemosException.payment("storing " + quote.bytes() + " bytes costs " + quote.ar() + " AR, above --max-spend "
                    + cap + "; nothing was written");
        }
    }
}
