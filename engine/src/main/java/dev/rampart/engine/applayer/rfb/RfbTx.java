package dev.rampart.engine.applayer.rfb;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.EveText;
import dev.rampart.engine.applayer.Hex;
import dev.rampart.eve.JsonBuffer;

/**
 * The flow's one RFB transaction (Suricata 7 opens it when the server's protocol version is read):
 * what each handshake message said, and whether the handshake is complete (ServerInit read, or the
 * parser gave up on it). The rfb keywords and the alert object read it; unset fields are null / -1.
 */
public final class RfbTx {
    /** "003" / "007" style version parts (valid UTF-8, three bytes each). */
    String serverMajor;
    String serverMinor;
    String clientMajor;
    String clientMinor;
    /** The security type the client chose (3.7 / 3.8) or the server decided (3.3); -1 when none. */
    long chosenSecurityType = -1;
    byte[] vncChallenge;
    byte[] vncResponse;
    /** The security result, only ever set to 0 (OK) by Suricata 7; -1 when none. */
    long securityResult = -1;
    String failureReason;
    /** The client's shared-desktop flag; -1 before ClientInit. */
    int shared = -1;
    /** ServerInit: framebuffer size, pixel format (16 bytes as sent), desktop name. */
    int width;
    int height;
    byte[] pixelFormat;
    byte[] name;
    boolean complete;
    private int events;
    /** Grows with every change detection could see. */
    long version;

    void raise(RfbEvent e) {
        events |= 1 << e.ordinal();
        version++;
    }

    public boolean hasEvent(RfbEvent e) {
        return (events & (1 << e.ordinal())) != 0;
    }

    /** Suricata's progress for both directions: 1 once complete, when the rfb keywords inspect it. */
    public boolean complete() {
        return complete;
    }

    /** rfb.sectype's value, or -1. */
    public long securityType() {
        return chosenSecurityType;
    }

    /** rfb.secresult's value, or -1. */
    public long securityResult() {
        return securityResult;
    }

    /** The desktop name (rfb.name): false when ServerInit was not read or the name is empty. */
    public boolean name(Slice out) {
        if (name == null || name.length == 0) {
            return false;
        }
        out.set(name, 0, name.length);
        return true;
    }

    /** The alert's "rfb" object, members in the order Suricata 7's logger writes them. */
    void appendEve(StringBuilder out) {
        out.append("\"rfb\":{");
        if (serverMajor != null) {
            version(out.append("\"server_protocol_version\":"), serverMajor, serverMinor).append(',');
        }
        if (clientMajor != null) {
            version(out.append("\"client_protocol_version\":"), clientMajor, clientMinor).append(',');
        }
        out.append("\"authentication\":{");
        boolean first = true;
        if (chosenSecurityType >= 0) {
            out.append("\"security_type\":").append(chosenSecurityType);
            first = false;
        }
        if (chosenSecurityType == 2) {
            out.append(first ? "" : ",").append("\"vnc\":{");
            if (vncChallenge != null) {
                out.append("\"challenge\":\"").append(Hex.lower(vncChallenge)).append('"');
            }
            if (vncResponse != null) {
                out.append(vncChallenge != null ? "," : "").append("\"response\":\"").append(Hex.lower(vncResponse)).append('"');
            }
            out.append('}');
            first = false;
        }
        if (securityResult >= 0) {
            out.append(first ? "" : ",").append("\"security_result\":\"").append(resultName(securityResult)).append('"');
        }
        out.append('}');
        if (failureReason != null) {
            text(out.append(",\"server_security_failure_reason\":"), failureReason);
        }
        if (shared >= 0) {
            out.append(",\"screen_shared\":").append(shared != 0);
        }
        if (pixelFormat != null) {
            byte[] p = pixelFormat;
            out.append(",\"framebuffer\":{\"width\":").append(width).append(",\"height\":").append(height)
                    .append(",\"name\":");
            EveText.quoted(out, name, 0, name.length);
            out.append(",\"pixel_format\":{\"bits_per_pixel\":").append(p[0] & 0xFF)
                    .append(",\"depth\":").append(p[1] & 0xFF)
                    .append(",\"big_endian\":").append(p[2] != 0)
                    .append(",\"true_color\":").append(p[3] != 0)
                    .append(",\"red_max\":").append(u16(p, 4))
                    .append(",\"green_max\":").append(u16(p, 6))
                    .append(",\"blue_max\":").append(u16(p, 8))
                    .append(",\"red_shift\":").append(p[10] & 0xFF)
                    .append(",\"green_shift\":").append(p[11] & 0xFF)
                    .append(",\"blue_shift\":").append(p[12] & 0xFF).append("}}");
        }
        out.append('}');
    }

    private static String resultName(long status) {
        return status == 0 ? "OK" : status == 1 ? "FAIL" : status == 2 ? "TOOMANY" : "UNKNOWN (" + status + ")";
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static StringBuilder version(StringBuilder out, String major, String minor) {
        text(out.append("{\"major\":"), major);
        return text(out.append(",\"minor\":"), minor).append('}');
    }

    private static StringBuilder text(StringBuilder out, String s) {
        JsonBuffer b = new JsonBuffer(s.length() + 8);
        b.string(s);
        return out.append(b);
    }
}
