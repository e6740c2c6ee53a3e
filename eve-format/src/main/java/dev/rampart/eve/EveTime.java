package dev.rampart.eve;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Formats packet times as Suricata's CreateIsoTimeString does: local time in the configured zone,
 * microseconds and a {@code +HHMM} offset, e.g. {@code 2016-07-13T22:42:07.573103+0000}. Suricata
 * uses the process time zone (TZ); the oracle here runs in UTC.
 *
 * <p>No allocation per call: the offset is cached with the span of time it is valid for, and
 * {@link ZoneRules} is only asked again (allocating) when a time falls outside that span, i.e.
 * at DST transitions.
 */
public final class EveTime {
    private final ZoneRules rules;
    private final boolean fixed;
    private int offsetSeconds;
    private long validFromSec = Long.MAX_VALUE;
    private long validToSec = Long.MIN_VALUE;

    public EveTime(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        if (fixed) {
            offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
    }

    public static EveTime utc() {
        return new EveTime(ZoneOffset.UTC);
    }

    /** Appends the time (unquoted) for {@code epochNanos}. */
    public void append(JsonBuffer out, long epochNanos) {
        long epochSec = Math.floorDiv(epochNanos, 1_000_000_000L);
        long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
        int off = offsetFor(epochSec);
        long local = epochSec + off;
        long days = Math.floorDiv(local, 86_400L);
        long secOfDay = Math.floorMod(local, 86_400L);
        appendDate(out, days);
        out.raw('T');
        out.padded(secOfDay / 3600, 2).raw(':').padded((secOfDay / 60) % 60, 2).raw(':')
                .padded(secOfDay % 60, 2);
        out.raw('.').padded(micros, 6);
        int a = Math.abs(off);
        out.raw(off < 0 ? '-' : '+').padded(a / 3600, 2).padded((a / 60) % 60, 2);
    }

    private int offsetFor(long epochSec) {
        if (fixed || (epochSec >= validFromSec && epochSec < validToSec)) {
            return offsetSeconds;
        }
        Instant at = Instant.ofEpochSecond(epochSec);
        offsetSeconds = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        validFromSec = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
        validToSec = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        return offsetSeconds;
    }

    /** Proleptic Gregorian civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
    private static void appendDate(JsonBuffer out, long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        out.padded(y, 4).raw('-').padded(m, 2).raw('-').padded(d, 2);
    }
}
