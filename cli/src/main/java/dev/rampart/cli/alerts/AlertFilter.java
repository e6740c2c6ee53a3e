package dev.rampart.cli.alerts;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.IncidentRecord;
import dev.rampart.alerts.IpText;
import dev.rampart.alerts.JournalReader;
import dev.rampart.alerts.JournalSchema;
import dev.rampart.alerts.score.SignatureSeverity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which alerts query and export select; every given option must hold. */
public final class AlertFilter {
    @Option(names = "--from", paramLabel = "TIME", description = "Alerts at or after TIME (ISO-8601 instant, e.g. 2026-11-28T09:00:00Z, or epoch seconds).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Alerts before TIME.")
    String to;

    @Option(names = "--sid", paramLabel = "SID", split = ",", description = "Only these rules (repeatable, comma-separated).")
    List<Long> sids = new ArrayList<>();

    @Option(names = "--host", paramLabel = "IP", description = "Alerts from or to this address.")
    String host;

    @Option(names = "--severity", paramLabel = "LEVEL",
            description = "At least this severe: a priority 1..4 (1 highest: alerts of priority <= LEVEL) or an ET "
                    + "signature_severity word (Critical, Major, Minor, Informational: that or more severe).")
    String severity;

    @Option(names = "--incident", paramLabel = "ID", description = "Alerts of this incident (contributing or joined later).")
    Long incident;

    @Option(names = "--no-masked", description = "Leave masked alerts out.")
    boolean noMasked;

    long fromNanos = Long.MIN_VALUE;
    long toNanos = Long.MAX_VALUE;
    private final long[] hostAddress = new long[3];
    private boolean hasHost;
    private int maxPriority = 4;
    private SignatureSeverity minSeverity;
    private final Set<Long> incidentAlerts = new HashSet<>();
    private Set<Long> sidSet;

    /** Checks and converts the options. */
    void prepare(CommandSpec spec) {
        fromNanos = from == null ? Long.MIN_VALUE : time(spec, "--from", from);
        toNanos = to == null ? Long.MAX_VALUE : time(spec, "--to", to);
        if (host != null) {
            try {
                IpText.parse(host, hostAddress);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--host: " + e.getMessage());
            }
            hasHost = true;
        }
        if (severity != null) {
            try {
                maxPriority = Integer.parseInt(severity);
                if (maxPriority < 1 || maxPriority > 4) {
                    throw new ParameterException(spec.commandLine(), "--severity: a priority is 1..4, not " + severity);
                }
            } catch (NumberFormatException e) {
                try {
                    minSeverity = SignatureSeverity.valueOf(severity.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e2) {
                    throw new ParameterException(spec.commandLine(),
                            "--severity: 1..4 or Critical, Major, Minor, Informational, not " + severity);
                }
            }
        }
        sidSet = sids.isEmpty() ? null : new HashSet<>(sids);
    }

    /** An --incident filter needs the incident's contributing alerts: a first pass collects them. */
    void collectIncident(JournalReader r) {
        if (incident == null) {
            return;
        }
        int tag;
        while ((tag = r.next()) != JournalReader.NONE) {
            if (tag == JournalSchema.TAG_INCIDENT && r.incident().incidentId == incident) {
                IncidentRecord inc = r.incident();
                for (int i = 0; i < inc.alertIdCount; i++) {
                    incidentAlerts.add(inc.alertIds[i]);
                }
            }
        }
        r.toStart();
    }

    boolean matches(AlertRecord a) {
        if (a.timestampNanos < fromNanos || a.timestampNanos >= toNanos) {
            return false;
        }
        if (sidSet != null && !sidSet.contains(a.sid)) {
            return false;
        }
        if (noMasked && a.masked) {
            return false;
        }
        if (hasHost && !(a.ipVersion == hostAddress[0]
                && ((a.srcHi == hostAddress[1] && a.srcLo == hostAddress[2]) || (a.dstHi == hostAddress[1] && a.dstLo == hostAddress[2])))) {
            return false;
        }
        if (a.severity > maxPriority) {
            return false;
        }
        if (minSeverity != null) {
            SignatureSeverity s = SignatureSeverity.of(a.metadata);
            if (s == null || s.ordinal() > minSeverity.ordinal()) {
                return false;
            }
        }
        return incident == null || a.incidentId == incident || incidentAlerts.contains(a.alertId);
    }

    private static long time(CommandSpec spec, String option, String text) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Math.multiplyExact(Long.parseLong(text), 1_000_000_000L);
            }
            Instant t = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + ": not an ISO-8601 instant or epoch seconds: " + text);
        }
    }
}
