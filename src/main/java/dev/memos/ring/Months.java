package dev.memos.ring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Calendar months (UTC) as integers: {@code year * 12 + (month - 1)}. */
final class Months {
    private Months() {
    }

    static int of(long epochSecond) {
        LocalDate d = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC).toLocalDate();
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    /** The first second (UTC) of {@code month}. */
    static long start(int month) {
        return LocalDate.of(month / 12, month % 12 + 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    static String name(int month) {
        return String.format("%04d-%02d", month / 12, month % 12 + 1);
    }
}
