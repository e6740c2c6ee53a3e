package dev.rampart.engine.applayer.dns;

import dev.rampart.engine.applayer.Slice;
import dev.rampart.eve.JsonBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Suricata 7's {@code "dns":{...}} object of alert records (EVE dns v2). A request gives
 * {@code {"version":2,"query":[{type,id,rrname,rrtype,tx_id[,z],opcode}, ...]}} with one entry per
 * question; a response gives {@code {"version":2,"answer":{version,type,id,flags,qr,aa,tc,rd,ra,z,
 * opcode,rrname,rrtype,rcode[,authorities]}}} — in alerts Suricata 7 leaves the answer records out
 * and keeps the authorities. Names are the raw label bytes: kept when they are valid UTF-8,
 * otherwise every non-ASCII byte becomes {@code \xNN}. Checked against the oracle on synthetic
 * captures (see DnsEveJsonTest).
 */
public final class DnsEveJson {
    private DnsEveJson() {}

    public static void writeAlert(JsonBuffer b, DnsTransaction tx) {
        Slice s = new Slice();
        b.raw('{').key("version").number(2).raw(',');
        if (!tx.response()) {
            b.key("query").raw('[');
            for (int i = 0; i < tx.queries; i++) {
                if (i > 0) {
                    b.raw(',');
                }
                b.raw('{').key("type").string("query").raw(',').key("id").number(tx.id).raw(',');
                b.key("rrname").string(name(tx.queryName(i, s))).raw(',');
                b.key("rrtype").string(rrtype(tx.qType[i])).raw(',');
                b.key("tx_id").number(tx.txId).raw(',');
                if ((tx.flags & 0x0040) != 0) {
                    b.key("z").ascii("true").raw(',');
                }
                b.key("opcode").number(tx.opcode()).raw('}');
            }
            b.raw(']');
        } else {
            b.key("answer").raw('{');
            b.key("version").number(2).raw(',').key("type").string("answer").raw(',');
            b.key("id").number(tx.id).raw(',');
            b.key("flags").raw('"');
            for (int shift = 12; shift >= 0; shift -= 4) {
                b.hexDigit(tx.flags >>> shift);
            }
            b.raw('"').raw(',');
            flag(b, tx.flags, 0x8000, "qr");
            flag(b, tx.flags, 0x0400, "aa");
            flag(b, tx.flags, 0x0200, "tc");
            flag(b, tx.flags, 0x0100, "rd");
            flag(b, tx.flags, 0x0080, "ra");
            flag(b, tx.flags, 0x0040, "z");
            b.key("opcode").number(tx.opcode()).raw(',');
            if (tx.queries > 0) {
                b.key("rrname").string(name(tx.queryName(0, s))).raw(',');
                b.key("rrtype").string(rrtype(tx.qType[0])).raw(',');
            }
            b.key("rcode").string(rcode(tx.rcode()));
            boolean any = false;
            for (int i = 0; i < tx.records; i++) {
                if (tx.rrSection[i] == DnsTransaction.SECTION_AUTHORITY) {
                    b.raw(',');
                    if (!any) {
                        b.key("authorities").raw('[');
                        any = true;
                    }
                    record(b, tx, i, s);
                }
            }
            if (any) {
                b.raw(']');
            }
            b.raw('}');
        }
        b.raw('}');
    }

    /** Entries for record i (a TXT record gives one per character-string, as Suricata 7 logs it). */
    private static void record(JsonBuffer b, DnsTransaction tx, int i, Slice s) {
        Slice rd = tx.rdata(i, new Slice());
        int type = tx.rrType[i];
        if (type == 16) {
            int p = rd.offset;
            int end = rd.offset + rd.length;
            boolean wrote = false;
            while (p < end && p + 1 + (rd.array[p] & 0xFF) <= end) {
                int l = rd.array[p] & 0xFF;
                if (wrote) {
                    b.raw(',');
                }
                entryStart(b, tx, i, s);
                b.raw(',').key("rdata").string(name(new Slice().set(rd.array, p + 1, l))).raw('}');
                wrote = true;
                p += 1 + l;
            }
            if (!wrote) {
                entryStart(b, tx, i, s);
                b.raw('}');
            }
            return;
        }
        entryStart(b, tx, i, s);
        switch (type) {
            case 1 -> {
                if (rd.length == 4) {
                    b.raw(',').key("rdata").string((rd.array[rd.offset] & 0xFF) + "." + (rd.array[rd.offset + 1] & 0xFF)
                            + "." + (rd.array[rd.offset + 2] & 0xFF) + "." + (rd.array[rd.offset + 3] & 0xFF));
                }
            }
            case 28 -> {
                if (rd.length == 16) {
                    // Suricata prints all eight groups with leading zeros
                    StringBuilder sb = new StringBuilder(39);
                    for (int k = 0; k < 16; k++) {
                        if (k > 0 && (k & 1) == 0) {
                            sb.append(':');
                        }
                        int v = rd.array[rd.offset + k] & 0xFF;
                        sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xF, 16));
                    }
                    b.raw(',').key("rdata").string(sb);
                }
            }
            case 2, 5, 12, 15 -> b.raw(',').key("rdata").string(name(tx.rdataName(i, s)));
            case 6 -> {
                if (tx.rdTail[i] >= 0) {
                    byte[] m = tx.message;
                    int p = tx.rdTail[i];
                    b.raw(',').key("soa").raw('{');
                    b.key("mname").string(name(tx.rdataName(i, s))).raw(',');
                    b.key("rname").string(name(s.set(tx.names, tx.rd2NameOff[i], tx.rd2NameLen[i]))).raw(',');
                    b.key("serial").number(u32(m, p)).raw(',');
                    b.key("refresh").number(u32(m, p + 4)).raw(',');
                    b.key("retry").number(u32(m, p + 8)).raw(',');
                    b.key("expire").number(u32(m, p + 12)).raw(',');
                    b.key("minimum").number(u32(m, p + 16)).raw('}');
                }
            }
            default -> {
                // other types: Suricata 7 logs type-specific objects not rendered here yet
            }
        }
        b.raw('}');
    }

    private static void entryStart(JsonBuffer b, DnsTransaction tx, int i, Slice s) {
        b.raw('{').key("rrname").string(name(tx.recordName(i, s))).raw(',');
        b.key("rrtype").string(rrtype(tx.rrType[i])).raw(',');
        b.key("ttl").number(tx.rrTtl[i]);
    }

    private static long u32(byte[] m, int p) {
        return ((m[p] & 0xFFL) << 24) | ((m[p + 1] & 0xFF) << 16) | ((m[p + 2] & 0xFF) << 8) | (m[p + 3] & 0xFF);
    }

    private static void flag(JsonBuffer b, int flags, int bit, String key) {
        if ((flags & bit) != 0) {
            b.key(key).ascii("true").raw(',');
        }
    }

    /** Raw bytes as Suricata's JsonBuilder set_string_from_bytes prints them. */
    public static String name(Slice s) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.array == null ? new byte[0] : s.array, s.offset, s.length))
                    .toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder(s.length + 16);
            for (int i = 0; i < s.length; i++) {
                int c = s.array[s.offset + i] & 0xFF;
                if (c < 0x80) {
                    sb.append((char) c);
                } else {
                    sb.append("\\x").append(Character.forDigit(c >>> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                }
            }
            return sb.toString();
        }
    }

    public static String rcode(int rcode) {
        return switch (rcode) {
            case 0 -> "NOERROR";
            case 1 -> "FORMERR";
            case 2 -> "SERVFAIL";
            case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP";
            case 5 -> "REFUSED";
            case 6 -> "YXDOMAIN";
            case 7 -> "YXRRSET";
            case 8 -> "NXRRSET";
            case 9 -> "NOTAUTH";
            case 10 -> "NOTZONE";
            default -> Integer.toString(rcode);
        };
    }

    /** Suricata's rrtype names (dns.rrtype / EVE); unknown types as their number. */
    public static String rrtype(int t) {
        return switch (t) {
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAPPTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 55 -> "HIP";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 99 -> "SPF";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 254 -> "MAILA";
            case 255 -> "ANY";
            case 256 -> "URI";
            default -> Integer.toString(t);
        };
    }
}
