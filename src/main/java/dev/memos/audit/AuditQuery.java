package dev.memos.audit;

import dev.memos.error.MemosException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A filter over entries: event type, identity, and a half-open time window [since, until). Built from
 * the CLI's {@code --event}, {@code --identity}, {@code --last 24h} or {@code --since T --until T}
 * with an injected clock, so "the last 24 hours" is testable.
 */
public record AuditQuery(Optional<String> event, Optional<String> identity, Optional<Instant> since, Optional<Instant> until) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhdw])");

    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AuditQuery withEvent(String type) {
        return new AuditQuery(Optional.of(type), identity, since, until);
    }

    public AuditQuery withIdentity(String id) {
        return new AuditQuery(event, Optional.of(id), since, until);
    }

    public AuditQuery between(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw MemosException.usage("--since must be before --until");
        }
        return new AuditQuery(event, identity, Optional.ofNullable(from), Optional.ofNullable(to));
    }

    /** The window (now - duration, now]: {@code last} is "90s", "15m", "24h", "7d" or "2w". */
    public AuditQuery last(String spec, Clock clock) {
        Instant now = clock.instant();
        return new AuditQuery(event, identity, Optional.of(now.minus(parseDuration(spec))), Optional.of(now.plusMillis(1)));
    }

    public boolean matches(AuditEntry e) {
        return matches(e.timeMillis(), e.event(), e.identity());
    }

    boolean matches(long timeMillis, String type, String id) {
        return event.map(type::equals).orElse(true)
                && identity.map(id::equals).orElse(true)
                && since.map(s -> timeMillis >= s.toEpochMilli()).orElse(true)
                && until.map(u -> timeMillis < u.toEpochMilli()).orElse(true);
    }

    public static Duration parseDuration(String spec) {
        Matcher m = DURATION.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw MemosException.usage("--last takes a number and a unit (s, m, h, d, w), e.g. 24h; got '" + spec + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** An ISO-8601 instant ("2026-11-27T04:00:00Z", with offset) or a date (midnight UTC). */
    public static Instant parseTime(String option, String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw MemosException.usage("--" + option + " takes a date (2026-11-27) or a time (2026-11-27T04:00:00Z), got '" + text + "'");
        }
    }
}
