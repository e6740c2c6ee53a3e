package dev.rampart.rules;

import dev.rampart.rules.header.AddressExpr;
import dev.rampart.rules.header.PortExpr;

/** {@code action proto src sport dir dst dport}, as written (variables unresolved). */
public record RuleHeader(
        Action action,
        String protocol,
        AddressExpr src,
        PortExpr srcPorts,
        Direction direction,
        AddressExpr dst,
        PortExpr dstPorts) {

    public RuleHeader {
        protocol = protocol == null ? null : protocol.intern(); // tcp, http, dns...: a few names
    }

    public void appendTo(StringBuilder out) {
        out.append(action.text()).append(' ').append(protocol).append(' ');
        src.appendTo(out);
        out.append(' ');
        srcPorts.appendTo(out);
        out.append(' ').append(direction.text()).append(' ');
        dst.appendTo(out);
        out.append(' ');
        dstPorts.appendTo(out);
    }
}
