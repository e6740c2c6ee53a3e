package dev.rampart.console.journal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as the console shows and accepts them: ISO-8601 UTC. */
public final class TimeText {
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    public static String format(long nanos) {
        return SHOW.format(Instant.ofEpochSecond(0, nanos));
    }

    public static String iso(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }

    /**
     * Parses {@code 2026-01-02T03:04:05Z}, a local date-time without zone taken as UTC
     * ({@code 2026-01-02T03:04}, what a datetime-local input sends), or epoch milliseconds.
     */
    public static long parse(String field, String text) {
        String t = text.strip();
        try {
            if (t.matches("\\d{1,15}")) {
                return Math.multiplyExact(Long.parseLong(t), 1_000_000L);
            }
            Instant i = t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t))
                    : LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": not a time (use 2026-01-31T12:00:00Z or epoch milliseconds): " + text);
        }
    }
}
