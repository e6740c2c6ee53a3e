package dev.rampart.cli.alerts;

import dev.rampart.alerts.AlertRecord;
import dev.rampart.alerts.EveText;
import dev.rampart.alerts.IncidentRecord;
import dev.rampart.alerts.IpText;
import dev.rampart.alerts.OperatorAction;
import dev.rampart.eve.ProtoNames;

/** One-line text forms of journal entries, fast.log-like for alerts. */
final class AlertText {
    private AlertText() {
    }

    static String alert(AlertRecord a) {
        StringBuilder sb = new StringBuilder(160);
        EveText.appendTime(sb, a.timestampNanos);
        sb.append("  [").append(a.gid).append(':').append(a.sid).append(':').append(a.rev).append("] ").append(a.msg)
                .append(" [Classification: ").append(a.category).append("] [Priority: ").append(a.severity).append("] {")
                .append(ProtoNames.name(a.proto)).append("} ");
        IpText.append(sb, a.ipVersion, a.srcHi, a.srcLo);
        sb.append(':').append(a.srcPort).append(" -> ");
        IpText.append(sb, a.ipVersion, a.dstHi, a.dstLo);
        sb.append(':').append(a.dstPort).append("  alert=").append(a.alertId).append(" score=").append(a.score);
        if (a.incidentId != AlertRecord.NO_INCIDENT) {
            sb.append(" incident=").append(a.incidentId);
        }
        if (a.masked) {
            sb.append(" MASKED");
        }
        return sb.toString();
    }

    static String incident(IncidentRecord r) {
        StringBuilder sb = new StringBuilder(120);
        EveText.appendTime(sb, r.lastSeenNanos);
        sb.append("  INCIDENT ").append(r.incidentId).append(r.keyKind == IncidentRecord.KEY_FLOW ? " flow " + r.flowId : " hosts")
                .append(' ');
        IpText.append(sb, r.ipVersion, r.hostAHi, r.hostALo);
        sb.append(" <-> ");
        IpText.append(sb, r.ipVersion, r.hostBHi, r.hostBLo);
        sb.append(" score=").append(r.score).append(" alerts=").append(r.alertCount).append(" first=");
        EveText.appendTime(sb, r.firstSeenNanos);
        sb.append(" sids=");
        for (int i = 0; i < r.sidCount; i++) {
            sb.append(i > 0 ? "," : "").append(r.sids[i]);
        }
        return sb.toString();
    }

    static String action(OperatorAction a) {
        StringBuilder sb = new StringBuilder(80);
        EveText.appendTime(sb, a.timestampNanos);
        sb.append("  ACTION ").append(a.actor).append(' ').append(a.action).append(' ').append(a.target);
        if (a.detail.length() > 0) {
            sb.append(" (").append(a.detail).append(')');
        }
        return sb.toString();
    }
}
