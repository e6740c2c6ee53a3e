package dev.rampart.capture.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** DNS messages (RFC 1035 wire format) for one question, as a resolver sends and answers them. */
public final class Dns {
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int CLASS_IN = 1;
    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_NXDOMAIN = 3;

    private Dns() {
    }

    /** One answer record for the question's name. */
    public static final class Answer {
        final int type;
        final long ttl;
        final byte[] rdata;

        public Answer(int type, long ttl, byte[] rdata) {
            this.type = type;
            this.ttl = ttl;
            this.rdata = rdata.clone();
        }

        public static Answer a(long ttl, String ipv4) {
            int ip = Host.parseIp(ipv4);
            return new Answer(TYPE_A, ttl, new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8),
                    (byte) ip});
        }
    }

    /** A standard query with recursion desired. */
    public static byte[] query(int id, String name, int qtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x0100, 1, 0);
        question(out, name, qtype);
        return out.toByteArray();
    }

    /** A recursive resolver's answer: the question echoed, then the answers (name compressed). */
    public static byte[] response(int id, String name, int qtype, int rcode, List<Answer> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x8180 | (rcode & 0xf), 1, answers.size());
        question(out, name, qtype);
        for (Answer a : answers) {
            short16(out, 0xc00c); // pointer to the question name at offset 12
            short16(out, a.type);
            short16(out, CLASS_IN);
            short16(out, (int) (a.ttl >>> 16));
            short16(out, (int) a.ttl);
            short16(out, a.rdata.length);
            out.write(a.rdata, 0, a.rdata.length);
        }
        return out.toByteArray();
    }

    /** A name as length-prefixed labels ending with the root label. */
    public static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length == 0 || b.length > 63) {
                    throw new IllegalArgumentException("bad DNS label in " + name);
                }
                out.write(b.length);
                out.write(b, 0, b.length);
            }
        }
        out.write(0);
        if (out.size() > 255) {
            throw new IllegalArgumentException("DNS name too long: " + name);
        }
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, int id, int flags, int qd, int an) {
        short16(out, id);
        short16(out, flags);
        short16(out, qd);
        short16(out, an);
        short16(out, 0);
        short16(out, 0);
    }

    private static void question(ByteArrayOutputStream out, String name, int qtype) {
        byte[] n = encodeName(name);
        out.write(n, 0, n.length);
        short16(out, qtype);
        short16(out, CLASS_IN);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }
}
