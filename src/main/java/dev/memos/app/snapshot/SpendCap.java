package dev.memos.app.snapshot;

import dev.memos.error.MemosException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --max-spend} value: a non-negative decimal and a unit, {@code AR} or {@code USDC}
 * (case-insensitive, optional space: {@code 0.05AR}, {@code "2 usdc"}). At most 12 decimal places
 * for AR (one winston) and 6 for USDC (its smallest unit): a finer cap could not be honoured exactly.
 */
public record SpendCap(BigDecimal amount, Unit unit) {
    public enum Unit { AR, USDC }

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(?:\\.([0-9]{1,12}))?\\s?([A-Za-z]{2,4})");

    public static SpendCap parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(t);
        if (t.length() > 40 || !m.matches()) {
            throw MemosException.usage("--max-spend " + clip(t) + " is not an amount with a unit, e.g. 0.05AR or 2USDC");
        }
        Unit unit;
        try {
            unit = Unit.valueOf(m.group(3).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MemosException.usage("--max-spend " + clip(t) + ": the unit must be AR or USDC");
        }
        String frac = m.group(2) == null ? "" : m.group(2);
        int places = unit == Unit.AR ? 12 : 6;
        if (frac.length() > places) {
            throw MemosException.usage("--max-spend " + clip(t) + ": at most " + places + " decimal places in " + unit);
        }
        return new SpendCap(new BigDecimal(m.group(1) + (frac.isEmpty() ? "" : "." + frac)), unit);
    }

    /** The cap in winston (AR caps only). */
    public BigInteger winston() {
        return amount.movePointRight(12).toBigIntegerExact();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + unit;
    }

    private static String clip(String s) {
        String v = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return "'" + v.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
