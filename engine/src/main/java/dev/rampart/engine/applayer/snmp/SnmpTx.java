package dev.rampart.engine.applayer.snmp;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One SNMP message (a datagram) as Suricata 7 keeps it: the flow's version (the first message's,
 * not this one's), and for a cleartext message the PDU type, error status, v1 trap fields and the
 * variable OIDs, the v1 / v2c community or the v3 USM user name. Complete at once; it belongs to the
 * direction it came from.
 */
public final class SnmpTx implements dev.rampart.engine.applayer.OneSidedTransactions.Message {
    private static final String[] PDU_NAMES = {"get_request", "get_next_request", "response", "set_request",
        "trap_v1", "get_bulk_request", "inform_request", "trap_v2", "report"};
    private static final String[] ERRORS = {"NoError", "TooBig", "NoSuchName", "BadValue", "ReadOnly", "GenErr",
        "NoAccess", "WrongType", "WrongLength", "WrongEncoding", "WrongValue", "NoCreation", "InconsistentValue",
        "ResourceUnavailable", "CommitFailed", "UndoFailed", "AuthorizationError", "NotWritable", "InconsistentName"};
    /** Generic trap names as the parser prints them (camel case, unlike the error names; measured). */
    private static final String[] TRAPS = {"coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure",
        "egpNeighborLoss", "enterpriseSpecific"};

    final long id;
    final boolean toServer;
    /** The flow's SNMP version when this message came (1, 2 or 3; 0 when the first did not say). */
    final long version;
    /** Whether a PDU was read (not for an encrypted v3 message). */
    boolean hasPdu;
    int pduType;
    long errorStatus;
    /** v1 trap: generic trap, enterprise OID, agent address (4 bytes); trapOid null for other PDUs. */
    long trapType;
    String trapOid;
    byte[] trapAddress;
    final List<String> vars = new ArrayList<>();
    /** UTF-8 bytes of the community (v1 / v2c) or the USM user name (v3); null when absent. */
    byte[] community;
    byte[] usm;
    boolean encrypted;
    private int events;

    SnmpTx(long id, boolean toServer, long version) {
        this.id = id;
        this.toServer = toServer;
        this.version = version;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean toServer() {
        return toServer;
    }

    void raise(SnmpEvent e) {
        events |= 1 << e.ordinal();
    }

    public boolean hasEvent(SnmpEvent e) {
        return (events & (1 << e.ordinal())) != 0;
    }

    /** snmp.version's value. */
    public long version() {
        return version;
    }

    /** snmp.pdu_type's value, or -1 when no PDU was read. */
    public long pduType() {
        return hasPdu ? pduType : -1;
    }

    public boolean community(Slice out) {
        return set(community, out);
    }

    public boolean usm(Slice out) {
        return set(usm, out);
    }

    private static boolean set(byte[] b, Slice out) {
        if (b == null) {
            return false;
        }
        out.set(b, 0, b.length);
        return true;
    }

    /** The alert's "snmp" object, members in the order Suricata 7's logger writes them. */
    void appendEve(StringBuilder out) {
        out.append("\"snmp\":{\"version\":").append(version);
        if (encrypted) {
            out.append(",\"pdu_type\":\"encrypted\"}");
            return;
        }
        if (hasPdu) {
            out.append(",\"pdu_type\":\"").append(pduType < PDU_NAMES.length ? PDU_NAMES[pduType]
                    : "Unknown(0x" + Integer.toHexString(pduType) + ")").append('"');
            if (errorStatus != 0) {
                out.append(",\"error\":\"").append(named("ErrorStatus", ERRORS, errorStatus)).append('"');
            }
            if (trapOid != null) {
                out.append(",\"trap_type\":\"").append(named("TrapType", TRAPS, trapType)).append('"');
                out.append(",\"trap_oid\":\"").append(trapOid).append('"');
                out.append(",\"trap_address\":\"").append(trapAddress[0] & 0xFF).append('.').append(trapAddress[1] & 0xFF)
                        .append('.').append(trapAddress[2] & 0xFF).append('.').append(trapAddress[3] & 0xFF).append('"');
            }
            if (!vars.isEmpty()) {
                out.append(",\"vars\":[");
                for (int i = 0; i < vars.size(); i++) {
                    out.append(i > 0 ? ",\"" : "\"").append(vars.get(i)).append('"');
                }
                out.append(']');
            }
        }
        if (community != null) {
            text(out.append(",\"community\":"), community);
        }
        if (usm != null) {
            text(out.append(",\"usm\":"), usm);
        }
        out.append('}');
    }

    /** A code's name as the parser's types print it, or "Type(n / 0xn)" for others. */
    private static String named(String type, String[] names, long v) {
        return v < names.length ? names[(int) v] : type + "(" + v + " / 0x" + Long.toHexString(v) + ")";
    }

    private static void text(StringBuilder out, byte[] utf8) {
        JsonBuffer b = new JsonBuffer(utf8.length + 8);
        b.string(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
        out.append(b);
    }
}
