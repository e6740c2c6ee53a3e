package dev.rampart.capture.filter;

import dev.rampart.capture.Frame;
import dev.rampart.capture.LinkType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The common subset of tcpdump's filter language for capture files ({@code suricata -r f.pcap
 * 'port 22'}): protocol words {@code ip ip6 tcp udp icmp}, {@code [src|dst] host A.B.C.D},
 * {@code [tcp|udp] [src|dst] port N}, joined by {@code and && or || not !} and parentheses.
 * Frames are read directly (Ethernet with VLAN tags, raw IP, Linux cooked, BSD loopback); a
 * frame it cannot decode does not match, as with libpcap. Anything else in an expression is an
 * error (Suricata exits on a filter that does not compile).
 */
public final class BpfFilter {
    private interface Node {
        boolean eval(Fields f);
    }

    /** The fields of one frame the primitives test; filled per frame, no allocation. */
    private static final class Fields {
        int ipVersion; // 0: not IP
        int proto = -1;
        int src4;
        int dst4;
        int srcPort = -1;
        int dstPort = -1;
    }

    private final Node root;
    private final Fields fields = new Fields();

    private BpfFilter(Node root) {
        this.root = root;
    }

    /** Compiles {@code expr}; throws IllegalArgumentException naming what is not supported. */
    public static BpfFilter compile(String expr) {
        List<String> tokens = tokenize(expr);
        Parser p = new Parser(tokens);
        Node n = p.or();
        if (p.i != tokens.size()) {
            throw new IllegalArgumentException("BPF filter: unexpected \"" + tokens.get(p.i) + "\"");
        }
        return new BpfFilter(n);
    }

    public boolean accepts(Frame frame) {
        Fields f = fields;
        f.ipVersion = 0;
        f.proto = -1;
        f.srcPort = -1;
        f.dstPort = -1;
        decode(frame.buffer, frame.offset, frame.captureLength, frame.linkType, f);
        return root.eval(f);
    }

    private static void decode(ByteBuffer b, int off, int len, int linkType, Fields f) {
        int end = off + len;
        int ip;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                int p = off + 12;
                if (p + 2 > end) {
                    return;
                }
                int type = b.getShort(p) & 0xffff;
                while ((type == 0x8100 || type == 0x88a8) && p + 6 <= end) {
                    p += 4;
                    type = b.getShort(p) & 0xffff;
                }
                if (type != 0x0800 && type != 0x86dd) {
                    return;
                }
                ip = p + 2;
            }
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14, LinkType.IPV4, LinkType.IPV6 -> ip = off;
            case LinkType.LINUX_SLL -> ip = off + 16;
            case LinkType.LINUX_SLL2 -> ip = off + 20;
            case LinkType.NULL, LinkType.LOOP -> ip = off + 4;
            default -> {
                return;
            }
        }
        if (ip >= end) {
            return;
        }
        int v = (b.get(ip) & 0xff) >>> 4;
        int l4;
        if (v == 4 && ip + 20 <= end) {
            f.ipVersion = 4;
            f.proto = b.get(ip + 9) & 0xff;
            f.src4 = b.getInt(ip + 12);
            f.dst4 = b.getInt(ip + 16);
            if ((b.getShort(ip + 6) & 0x1fff) != 0) {
                return; // a later fragment has no ports
            }
            l4 = ip + (b.get(ip) & 0x0f) * 4;
        } else if (v == 6 && ip + 40 <= end) {
            f.ipVersion = 6;
            f.proto = b.get(ip + 6) & 0xff; // extension headers are not followed
            l4 = ip + 40;
        } else {
            return;
        }
        if ((f.proto == 6 || f.proto == 17 || f.proto == 132) && l4 + 4 <= end) {
            f.srcPort = b.getShort(l4) & 0xffff;
            f.dstPort = b.getShort(l4 + 2) & 0xffff;
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if (c == '!') {
                out.add("!");
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()!&|".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            }
        }
        return out;
    }

    private static final class Parser {
        final List<String> t;
        int i;

        Parser(List<String> t) {
            this.t = t;
        }

        String peek() {
            return i < t.size() ? t.get(i) : null;
        }

        String next() {
            if (i >= t.size()) {
                throw new IllegalArgumentException("BPF filter: incomplete expression");
            }
            return t.get(i++);
        }

        Node or() {
            Node l = and();
            while ("or".equals(peek()) || "||".equals(peek())) {
                i++;
                Node a = l;
                Node r = and();
                l = f -> a.eval(f) || r.eval(f);
            }
            return l;
        }

        Node and() {
            Node l = unary();
            while ("and".equals(peek()) || "&&".equals(peek())) {
                i++;
                Node a = l;
                Node r = unary();
                l = f -> a.eval(f) && r.eval(f);
            }
            return l;
        }

        Node unary() {
            String w = next();
            if (w.equals("not") || w.equals("!")) {
                Node n = unary();
                return f -> !n.eval(f);
            }
            if (w.equals("(")) {
                Node n = or();
                if (!")".equals(next())) {
                    throw new IllegalArgumentException("BPF filter: missing )");
                }
                return n;
            }
            return primitive(w);
        }

        Node primitive(String w) {
            int proto = switch (w) {
                case "tcp" -> 6;
                case "udp" -> 17;
                case "icmp" -> 1;
                default -> -1;
            };
            if (proto >= 0) {
                if ("port".equals(peek()) || "src".equals(peek()) || "dst".equals(peek())) {
                    Node port = primitive(next());
                    int pr = proto;
                    return f -> f.proto == pr && port.eval(f);
                }
                int pr = proto;
                return f -> f.proto == pr;
            }
            switch (w) {
                case "ip":
                    return f -> f.ipVersion == 4;
                case "ip6":
                    return f -> f.ipVersion == 6;
                case "src", "dst": {
                    boolean src = w.equals("src");
                    String k = next();
                    if (k.equals("port")) {
                        int port = port(next());
                        return src ? f -> f.srcPort == port : f -> f.dstPort == port;
                    }
                    if (k.equals("host")) {
                        int a = ipv4(next());
                        return src ? f -> f.ipVersion == 4 && f.src4 == a : f -> f.ipVersion == 4 && f.dst4 == a;
                    }
                    throw new IllegalArgumentException("BPF filter: \"" + w + " " + k + "\" is not supported");
                }
                case "port": {
                    int port = port(next());
                    return f -> f.srcPort == port || f.dstPort == port;
                }
                case "host": {
                    int a = ipv4(next());
                    return f -> f.ipVersion == 4 && (f.src4 == a || f.dst4 == a);
                }
                default:
                    throw new IllegalArgumentException("BPF filter: \"" + w + "\" is not supported");
            }
        }

        static int port(String s) {
            try {
                int p = Integer.parseInt(s);
                if (p >= 0 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("BPF filter: bad port \"" + s + "\"");
        }

        static int ipv4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("BPF filter: only IPv4 hosts are supported, got \"" + s + "\"");
            }
            int a = 0;
            for (String p : parts) {
                int v = Integer.parseInt(p);
                if (v < 0 || v > 255) {
                    throw new IllegalArgumentException("BPF filter: bad address \"" + s + "\"");
                }
                a = a << 8 | v;
            }
            return a;
        }
    }
}
