package dev.rampart.cli.demo;

import dev.rampart.capture.PcapPacket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a capture holds, for the demo: packet and byte counts, protocols, flows by 5-tuple (the
 * first packet's sender taken as client) and the first application-layer lines of each flow (HTTP
 * request/status lines, DNS names, TLS server names). A description of the traffic only: nothing
 * here decides whether traffic is malicious.
 */
public final class CaptureSummary {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int MAX_DETAILS_PER_FLOW = 6;

    /** One conversation: protocol and both endpoints, client first. */
    public record FlowKey(String protocol, String clientIp, int clientPort, String serverIp, int serverPort) {
        @Override
        public String toString() {
            return protocol + " " + endpoint(clientIp, clientPort) + " -> " + endpoint(serverIp, serverPort);
        }

        private static String endpoint(String ip, int port) {
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + (port >= 0 ? ":" + port : "");
        }
    }

    /** Counters and application lines of one flow. */
    public static final class Flow {
        private final FlowKey key;
        private int packets;
        private long bytes;
        private String app = "";
        private final List<String> details = new ArrayList<>();

        Flow(FlowKey key) {
            this.key = key;
        }

        public FlowKey key() {
            return key;
        }

        public int packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        /** Application protocol recognised from the payload ({@code http}, {@code tls}, {@code dns}) or "". */
        public String app() {
            return app;
        }

        public List<String> details() {
            return details;
        }
    }

    private int packets;
    private long bytes;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;
    private final Map<String, Integer> network = new TreeMap<>();
    private final Map<String, Integer> transport = new TreeMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();

    private CaptureSummary() {
    }

    public static CaptureSummary of(List<PcapPacket> packets, int linktype) {
        CaptureSummary s = new CaptureSummary();
        for (PcapPacket p : packets) {
            s.add(p, linktype);
        }
        return s;
    }

    public int packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long firstMicros() {
        return packets == 0 ? 0 : firstMicros;
    }

    public long lastMicros() {
        return packets == 0 ? 0 : lastMicros;
    }

    /** Packets per network protocol ({@code ipv4}, {@code ipv6}, {@code arp}, ...). */
    public Map<String, Integer> network() {
        return network;
    }

    /** Packets per transport protocol ({@code tcp}, {@code udp}, {@code icmp}, ...). */
    public Map<String, Integer> transport() {
        return transport;
    }

    public Collection<Flow> flows() {
        return flows.values();
    }

    private void add(PcapPacket p, int linktype) {
        packets++;
        bytes += p.originalLength();
        firstMicros = Math.min(firstMicros, p.timestampMicros());
        lastMicros = Math.max(lastMicros, p.timestampMicros());
        byte[] d = p.data();
        int off;
        int type;
        if (linktype == LINKTYPE_ETHERNET) {
            if (d.length < 14) {
                count(network, "truncated");
                return;
            }
            type = u16(d, 12);
            off = 14;
            while ((type == 0x8100 || type == 0x88a8) && d.length >= off + 4) {
                type = u16(d, off + 2);
                off += 4;
            }
        } else if (linktype == LINKTYPE_RAW) {
            off = 0;
            type = d.length > 0 && (d[0] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
        } else {
            count(network, "linktype " + linktype);
            return;
        }
        switch (type) {
            case 0x0800 -> ipv4(d, off, p.originalLength());
            case 0x86dd -> ipv6(d, off, p.originalLength());
            case 0x0806 -> count(network, "arp");
            default -> count(network, String.format("ethertype 0x%04x", type));
        }
    }

    private void ipv4(byte[] d, int off, int wireLength) {
        count(network, "ipv4");
        if (d.length < off + 20) {
            count(transport, "truncated");
            return;
        }
        int ihl = (d[off] & 0x0f) * 4;
        int total = Math.min(u16(d, off + 2), d.length - off);
        int proto = d[off + 9] & 0xff;
        boolean fragment = (u16(d, off + 6) & 0x1fff) != 0;
        String src = ip(d, off + 12, 4);
        String dst = ip(d, off + 16, 4);
        transport(d, off + ihl, off + total, proto, fragment, src, dst, wireLength);
    }

    private void ipv6(byte[] d, int off, int wireLength) {
        count(network, "ipv6");
        if (d.length < off + 40) {
            count(transport, "truncated");
            return;
        }
        int end = Math.min(off + 40 + u16(d, off + 4), d.length);
        int next = d[off + 6] & 0xff;
        transport(d, off + 40, end, next, false, ip(d, off + 8, 16), ip(d, off + 24, 16), wireLength);
    }

    private void transport(byte[] d, int off, int end, int proto, boolean fragment, String src, String dst,
            int wireLength) {
        String name = switch (proto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            case 132 -> "sctp";
            default -> "ip-proto " + proto;
        };
        count(transport, name);
        int sport = -1;
        int dport = -1;
        int payload = end;
        if (!fragment && (proto == 6 || proto == 17) && end >= off + (proto == 6 ? 20 : 8)) {
            sport = u16(d, off);
            dport = u16(d, off + 2);
            payload = proto == 6 ? off + ((d[off + 12] & 0xf0) >>> 4) * 4 : off + 8;
        }
        Flow f = flow(name, src, sport, dst, dport);
        f.packets++;
        f.bytes += wireLength;
        boolean fromClient = f.key.clientIp().equals(src) && f.key.clientPort() == sport;
        if (payload < end) {
            application(f, d, payload, end, fromClient, proto);
        }
    }

    private Flow flow(String proto, String src, int sport, String dst, int dport) {
        String a = src + "/" + sport;
        String b = dst + "/" + dport;
        String id = proto + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
        return flows.computeIfAbsent(id, k -> new Flow(new FlowKey(proto, src, sport, dst, dport)));
    }

    // ------------------------------------------------------------------ application lines

    private static void application(Flow f, byte[] d, int off, int end, boolean fromClient, int proto) {
        if (f.details.size() >= MAX_DETAILS_PER_FLOW) {
            return;
        }
        if (proto == 17 && (f.key.serverPort() == 53 || f.key.clientPort() == 53)) {
            String dns = dns(d, off, end);
            if (dns != null) {
                f.app = "dns";
                f.details.add(dns);
            }
            return;
        }
        if (proto != 6) {
            return;
        }
        if (fromClient && startsWithHttpMethod(d, off, end)) {
            f.app = "http";
            f.details.addAll(httpRequest(d, off, end));
        } else if (!fromClient && startsWith(d, off, end, "HTTP/1.")) {
            f.details.add(line(d, off, end));
        } else if (fromClient && end - off > 5 && d[off] == 0x16 && d[off + 1] == 3 && d[off + 5] == 1) {
            f.app = "tls";
            String sni = sni(d, off, end);
            f.details.add("TLS ClientHello" + (sni == null ? " (no server name)" : ", server name " + sni));
        }
    }

    private static final String[] METHODS = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ",
        "CONNECT "};

    private static boolean startsWithHttpMethod(byte[] d, int off, int end) {
        for (String m : METHODS) {
            if (startsWith(d, off, end, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] d, int off, int end, String s) {
        if (end - off < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (d[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Request line, then the Host and User-Agent headers (indented) when present. */
    private static List<String> httpRequest(byte[] d, int off, int end) {
        String head = new String(d, off, end - off, StandardCharsets.ISO_8859_1);
        int stop = head.indexOf("\r\n\r\n");
        String[] lines = (stop >= 0 ? head.substring(0, stop) : head).split("\r\n");
        List<String> out = new ArrayList<>();
        out.add(printable(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("host:") || lower.startsWith("user-agent:")) {
                out.add("  " + printable(lines[i]));
            }
        }
        return out;
    }

    private static String line(byte[] d, int off, int end) {
        int i = off;
        while (i < end && d[i] != '\r' && d[i] != '\n') {
            i++;
        }
        return printable(new String(d, off, i - off, StandardCharsets.ISO_8859_1));
    }

    /** "query NAME TYPE" or "response NAME -> address" for a DNS message; null when not one. */
    static String dns(byte[] d, int off, int end) {
        if (end - off < 12) {
            return null;
        }
        int flags = u16(d, off + 2);
        int qd = u16(d, off + 4);
        int an = u16(d, off + 6);
        if (qd < 1) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int p = name(d, off, off + 12, end, name);
        if (p < 0 || p + 4 > end) {
            return null;
        }
        int qtype = u16(d, p);
        p += 4;
        boolean response = (flags & 0x8000) != 0;
        if (!response) {
            return "DNS query " + name + " " + typeName(qtype);
        }
        int rcode = flags & 0x0f;
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < an && p < end; i++) {
            p = name(d, off, p, end, new StringBuilder());
            if (p < 0 || p + 10 > end) {
                break;
            }
            int type = u16(d, p);
            int rdlen = u16(d, p + 8);
            p += 10;
            if (p + rdlen > end) {
                break;
            }
            if (type == 1 && rdlen == 4) {
                answers.add(ip(d, p, 4));
            } else if (type == 28 && rdlen == 16) {
                answers.add(ip(d, p, 16));
            }
            p += rdlen;
        }
        String result = rcode == 0 ? (answers.isEmpty() ? "no address" : String.join(", ", answers))
                : rcode == 3 ? "NXDOMAIN" : "rcode " + rcode;
        return "DNS answer " + name + " " + typeName(qtype) + " -> " + result;
    }

    /** Reads a (possibly compressed) name; returns the offset after it in the message, or -1. */
    private static int name(byte[] d, int msg, int p, int end, StringBuilder out) {
        int after = -1;
        int jumps = 0;
        while (p < end) {
            int len = d[p] & 0xff;
            if (len == 0) {
                return after >= 0 ? after : p + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= end || ++jumps > 16) {
                    return -1;
                }
                if (after < 0) {
                    after = p + 2;
                }
                p = msg + (((len & 0x3f) << 8) | (d[p + 1] & 0xff));
                continue;
            }
            if (p + 1 + len > end) {
                return -1;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(printable(new String(d, p + 1, len, StandardCharsets.ISO_8859_1)));
            p += 1 + len;
        }
        return -1;
    }

    private static String typeName(int t) {
        return switch (t) {
            case 1 -> "A";
            case 2 -> "NS";
            case 5 -> "CNAME";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 28 -> "AAAA";
            default -> "type " + t;
        };
    }

    /** The server_name of a ClientHello record, or null. */
    static String sni(byte[] d, int off, int end) {
        int p = off + 5 + 4 + 2 + 32; // record header, handshake header, version, random
        if (p >= end) {
            return null;
        }
        p += 1 + (d[p] & 0xff); // session id
        if (p + 2 > end) {
            return null;
        }
        p += 2 + u16(d, p); // cipher suites
        if (p >= end) {
            return null;
        }
        p += 1 + (d[p] & 0xff); // compression methods
        if (p + 2 > end) {
            return null;
        }
        int extEnd = Math.min(end, p + 2 + u16(d, p));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = u16(d, p);
            int len = u16(d, p + 2);
            if (type == 0 && p + 9 <= extEnd) {
                int nameLen = u16(d, p + 7);
                if (p + 9 + nameLen <= extEnd) {
                    return printable(new String(d, p + 9, nameLen, StandardCharsets.ISO_8859_1));
                }
                return null;
            }
            p += 4 + len;
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private static void count(Map<String, Integer> m, String k) {
        m.merge(k, 1, Integer::sum);
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static String ip(byte[] d, int off, int len) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(d, off, off + len)).getHostAddress();
        } catch (UnknownHostException e) {
            return "?";
        }
    }

    /** Non-printable characters as '.', long text cut, so that captures cannot garble the terminal. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 120));
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        if (s.length() > 120) {
            sb.append("...");
        }
        return sb.toString();
    }
}
