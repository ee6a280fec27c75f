package dev.memos.arweave;

import java.math.BigDecimal;
import java.math.BigInteger;

/** 1 AR = 10^12 winston; shown with trailing zeros stripped. */
public final class Winston {
    private Winston() {
    }

    public static String toAr(String winston) {
        BigDecimal ar = new BigDecimal(new BigInteger(winston), 12).stripTrailingZeros();
        return ar.signum() == 0 ? "0" : ar.toPlainString();
    }

    public static String toAr(BigInteger winston) {
        return toAr(winston.toString());
    }
}
