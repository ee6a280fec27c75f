package dev.memos.arweave;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an upload cost, as the paying service quoted or charged it: winston (devnet price, wallet
 * reward, Turbo winc) or USDC (an x402 authorization, in 6-decimal atomic units). Unknown when the
 * service did not say (an item Turbo already had).
 */
public record UploadCost(BigInteger winston, BigInteger usdcAtomic) {
    private static final UploadCost UNKNOWN = new UploadCost(null, null);

    public UploadCost {
        if (winston != null && usdcAtomic != null) {
            throw new IllegalArgumentException("a cost is in winston or in USDC, not both");
        }
    }

    public static UploadCost winston(BigInteger winston) {
        return new UploadCost(winston, null);
    }

    /** {@code winc} as Turbo sends it (a decimal string); anything else is unknown. */
    public static UploadCost winston(String winc) {
        return winc != null && winc.matches("\\d{1,40}") ? winston(new BigInteger(winc)) : UNKNOWN;
    }

    public static UploadCost usdc(BigInteger atomic) {
        return new UploadCost(null, atomic);
    }

    public static UploadCost unknown() {
        return UNKNOWN;
    }

    /** "0.000123 AR (123000000 winston)", "0.01 USDC" or "unknown". */
    public String describe() {
        if (winston != null) {
            return Winston.toAr(winston) + " AR (" + winston + " winston)";
        }
        return usdcAtomic != null ? usdc() + " USDC" : "unknown";
    }

    /** The JSON fields: estimated_cost_winston and estimated_cost_ar, or estimated_cost_usdc; none when unknown. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (winston != null) {
            m.put("estimated_cost_winston", winston.toString());
            m.put("estimated_cost_ar", Winston.toAr(winston));
        } else if (usdcAtomic != null) {
            m.put("estimated_cost_usdc", usdc());
        }
        return m;
    }

    private String usdc() {
        return new BigDecimal(usdcAtomic).movePointLeft(6).stripTrailingZeros().toPlainString();
    }
}
