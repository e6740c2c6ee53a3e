package dev.rampart.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link BlockPolicy} as an nft script ({@code nft -f -}) that owns one table,
 * {@code inet rampart_<name>}: named sets of the blocked IPv4 and IPv6 addresses and ports, and
 * input, forward and output base chains hooked at priority {@code filter - 10}, so they see packets
 * before the operator's usual filter chains; their policy is accept, they only drop what matches.
 *
 * <p>The script first declares and deletes the table, then creates it: nft runs a file as one
 * transaction, so applying a policy again replaces it atomically and never fails on "exists".
 *
 * <p>Only validated values reach the script: the name matches {@code [a-z0-9_]}, addresses and
 * ports are rendered from numbers, protocol and direction are enum constants. The free-text reason
 * goes into a {@code #} comment line only, reduced to printable ASCII.
 */
public final class NftablesRenderer {
    /** Before the usual filter chains (priority 0); a drop here is final for the packet. */
    public static final String CHAIN_PRIORITY = "filter - 10";
    static final String SET_V4 = "block_v4";
    static final String SET_V6 = "block_v6";
    static final String SET_PORTS = "block_ports";

    private NftablesRenderer() {
    }

    public static String render(BlockPolicy p) {
        String table = "inet " + p.tableName();
        StringBuilder sb = new StringBuilder(512);
        sb.append("#!/usr/sbin/nft -f\n");
        sb.append("# Rampart block policy ").append(p.name()).append(", created ").append(p.createdAt()).append('\n');
        if (!p.reason().isEmpty()) {
            sb.append("# reason: ").append(commentText(p.reason())).append('\n');
        }
        sb.append("table ").append(table).append('\n');
        sb.append("delete table ").append(table).append('\n');
        sb.append("table ").append(table).append(" {\n");

        List<IpNet> v4 = p.v4();
        List<IpNet> v6 = p.v6();
        if (!v4.isEmpty()) {
            set(sb, SET_V4, "ipv4_addr", v4);
        }
        if (!v6.isEmpty()) {
            set(sb, SET_V6, "ipv6_addr", v6);
        }
        if (!p.ports().isEmpty()) {
            set(sb, SET_PORTS, "inet_service", p.ports());
        }
        String match = transportMatch(p);
        BlockDirection d = p.direction();
        chain(sb, "input", "input", d.inbound() ? rules(v4, v6, "saddr", match) : List.of());
        List<String> forward = new ArrayList<>();
        if (d.inbound()) {
            forward.addAll(rules(v4, v6, "saddr", match));
        }
        if (d.outbound()) {
            forward.addAll(rules(v4, v6, "daddr", match));
        }
        chain(sb, "forward", "forward", forward);
        chain(sb, "output", "output", d.outbound() ? rules(v4, v6, "daddr", match) : List.of());
        sb.append("}\n");
        return sb.toString();
    }

    /** The script that removes a policy's table (and only that table). */
    public static String renderDelete(String policyName) {
        return "delete table inet " + BlockPolicy.TABLE_PREFIX + BlockPolicy.validateName(policyName) + "\n";
    }

    private static void set(StringBuilder sb, String name, String type, List<?> elements) {
        sb.append("\tset ").append(name).append(" {\n");
        sb.append("\t\ttype ").append(type).append('\n');
        sb.append("\t\tflags interval\n");
        sb.append("\t\telements = { ");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(i % 8 == 0 ? ",\n\t\t\t     " : ", ");
            }
            sb.append(elements.get(i));
        }
        sb.append(" }\n");
        sb.append("\t}\n");
    }

    private static String transportMatch(BlockPolicy p) {
        boolean withPorts = !p.ports().isEmpty();
        String l4 = p.protocol().l4proto(withPorts);
        StringBuilder m = new StringBuilder();
        if (l4 != null) {
            m.append(" meta l4proto ").append(l4);
        }
        if (withPorts) {
            m.append(" th dport @").append(SET_PORTS);
        }
        return m.toString();
    }

    private static List<String> rules(List<IpNet> v4, List<IpNet> v6, String field, String match) {
        List<String> out = new ArrayList<>(2);
        if (!v4.isEmpty()) {
            out.add("ip " + field + " @" + SET_V4 + match + " counter drop");
        }
        if (!v6.isEmpty()) {
            out.add("ip6 " + field + " @" + SET_V6 + match + " counter drop");
        }
        return out;
    }

    private static void chain(StringBuilder sb, String name, String hook, List<String> rules) {
        sb.append("\tchain ").append(name).append(" {\n");
        sb.append("\t\ttype filter hook ").append(hook).append(" priority ").append(CHAIN_PRIORITY).append("; policy accept;\n");
        for (String r : rules) {
            sb.append("\t\t").append(r).append('\n');
        }
        sb.append("\t}\n");
    }

    /** Printable ASCII only: a comment line cannot end early or carry anything nft would parse. */
    private static String commentText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
