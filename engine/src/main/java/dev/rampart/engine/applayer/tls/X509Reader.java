package dev.rampart.engine.applayer.tls;

import dev.rampart.engine.applayer.Hex;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A hand-written DER reader for the X.509 fields Suricata exposes (subject, issuer, serial,
 * validity, subjectAltName dNSNames). Every length is checked against its enclosing element and
 * nesting is bounded, so hostile DER ends in an {@link X509Certificate#error} and never throws.
 * Names are rendered like Suricata 7's Rust x509 module (x509-parser): RDNs in encoding order
 * joined by ", ", the attributes of a multi-valued RDN joined by " + ", attribute types
 * abbreviated (C, ST, L, O, OU, CN, DC, Email) or given by the OID registry's short name or as
 * {@code OID(1.2.3)}, values decoded as UTF-8 text (BMPString as UTF-16); no escaping of ',' or
 * '+' inside values. Nesting is fixed by the certificate layout (no recursion), so depth is
 * bounded by construction; every element must fit inside its parent.
 */
public final class X509Reader {
    private static final int MAX_NAME_ATTRIBUTES = 64;
    private static final int MAX_SAN_ENTRIES = 256;

    // the element last read by tlv(): tag, content [start, end)
    private int tag;
    private int start;
    private int end;
    private byte[] buf;

    /** Parses one DER certificate; false (with {@code out.error} set) when it is not valid. */
    public boolean read(byte[] data, int offset, int length, X509Certificate out) {
        out.clear();
        buf = data;
        try {
            return readCertificate(offset, offset + length, out);
        } finally {
            buf = null;
        }
    }

    private boolean fail(X509Certificate out, TlsEvent e) {
        out.error = e;
        return false;
    }

    private boolean readCertificate(int pos, int limit, X509Certificate out) {
        if (!tlv(pos, limit) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        int certEnd = end;
        if (!tlv(start, certEnd) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        int tbsEnd = end;
        int p = start;
        if (!tlv(p, tbsEnd)) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        if (tag == 0xA0) { // [0] EXPLICIT version
            int vEnd = end;
            if (!tlv(start, vEnd) || tag != 0x02 || end - start != 1 || (buf[start] & 0xFF) > 2) {
                return fail(out, TlsEvent.CERTIFICATE_INVALID_VERSION);
            }
            p = vEnd;
            if (!tlv(p, tbsEnd)) {
                return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
            }
        }
        if (tag != 0x02 || end == start) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_SERIAL);
        }
        out.serial = Hex.encode(buf, start, end - start, ':', true);
        p = end;
        if (!tlv(p, tbsEnd) || tag != 0x30) { // signature AlgorithmIdentifier
            return fail(out, TlsEvent.CERTIFICATE_INVALID_ALGORITHMIDENTIFIER);
        }
        p = end;
        if (!tlv(p, tbsEnd) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_X509NAME);
        }
        int issuerStart = start;
        int issuerEnd = end;
        p = end;
        if (!tlv(p, tbsEnd) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        int validityEnd = end;
        if (!tlv(start, validityEnd)) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DATE);
        }
        long nb = time(tag, start, end);
        if (!tlv(end, validityEnd)) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DATE);
        }
        long na = time(tag, start, end);
        if (nb == Long.MIN_VALUE || na == Long.MIN_VALUE) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DATE);
        }
        out.notBefore = nb;
        out.notAfter = na;
        p = validityEnd;
        if (!tlv(p, tbsEnd) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_X509NAME);
        }
        int subjectStart = start;
        int subjectEnd = end;
        p = end;
        if (!tlv(p, tbsEnd) || tag != 0x30) { // subjectPublicKeyInfo
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        p = end;
        String issuer = name(issuerStart, issuerEnd);
        String subject = name(subjectStart, subjectEnd);
        if (issuer == null || subject == null) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_X509NAME);
        }
        out.issuer = issuer;
        out.subject = subject;
        while (p < tbsEnd) {
            if (!tlv(p, tbsEnd)) {
                return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
            }
            p = end;
            if (tag == 0xA3 && !extensions(start, end, out)) {
                return fail(out, TlsEvent.CERTIFICATE_INVALID_EXTENSIONS);
            }
        }
        // signatureAlgorithm and signatureValue follow the TBS part
        if (!tlv(tbsEnd, certEnd) || tag != 0x30) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_ALGORITHMIDENTIFIER);
        }
        if (!tlv(end, certEnd) || tag != 0x03) {
            return fail(out, TlsEvent.CERTIFICATE_INVALID_DER);
        }
        return true;
    }

    private boolean extensions(int pos, int limit, X509Certificate out) {
        if (!tlv(pos, limit) || tag != 0x30) {
            return false;
        }
        int listEnd = end;
        int p = start;
        while (p < listEnd) {
            if (!tlv(p, listEnd) || tag != 0x30) {
                return false;
            }
            int extEnd = end;
            p = end;
            if (!tlv(start, extEnd) || tag != 0x06) {
                return false;
            }
            boolean san = isOid(start, end, OID_SUBJECT_ALT_NAME);
            if (!tlv(end, extEnd)) {
                return false;
            }
            if (tag == 0x01 && !tlv(end, extEnd)) { // critical flag
                return false;
            }
            if (tag != 0x04) {
                return false;
            }
            if (san && !subjectAltNames(start, end, out)) {
                return false;
            }
        }
        return true;
    }

    private boolean subjectAltNames(int pos, int limit, X509Certificate out) {
        if (!tlv(pos, limit) || tag != 0x30) {
            return false;
        }
        int listEnd = end;
        int p = start;
        while (p < listEnd) {
            if (!tlv(p, listEnd)) {
                return false;
            }
            p = end;
            if (tag == 0x82 && out.subjectAltNames.size() < MAX_SAN_ENTRIES) { // dNSName
                out.subjectAltNames.add(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
            }
        }
        return true;
    }

    /** Renders a Name (content of its SEQUENCE) or null when malformed. */
    private String name(int pos, int limit) {
        StringBuilder sb = new StringBuilder(96);
        int p = pos;
        int attributes = 0;
        while (p < limit) {
            if (!tlv(p, limit) || tag != 0x31) {
                return null;
            }
            int setEnd = end;
            p = end;
            int q = start;
            boolean firstInSet = true;
            while (q < setEnd) {
                if (!tlv(q, setEnd) || tag != 0x30 || ++attributes > MAX_NAME_ATTRIBUTES) {
                    return null;
                }
                int atvEnd = end;
                q = end;
                if (!tlv(start, atvEnd) || tag != 0x06) {
                    return null;
                }
                int oidStart = start;
                int oidEnd = end;
                if (!tlv(end, atvEnd)) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append(firstInSet ? ", " : " + ");
                }
                firstInSet = false;
                appendAttributeType(sb, oidStart, oidEnd);
                sb.append('=');
                appendValue(sb, tag, start, end);
            }
        }
        return sb.toString();
    }

    private void appendValue(StringBuilder sb, int valueTag, int s, int e) {
        switch (valueTag) {
            case 0x0C, 0x13, 0x16, 0x14, 0x12, 0x1A, 0x1B, 0x19, 0x15, 0x07 ->
                    sb.append(new String(buf, s, e - s, StandardCharsets.UTF_8));
            case 0x1E -> sb.append(new String(buf, s, (e - s) & ~1, StandardCharsets.UTF_16BE));
            default -> sb.append(Hex.encode(buf, s, e - s, (char) 0, true));
        }
    }

    private static final byte[] OID_SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};
    private static final byte[] OID_DC = {0x09, (byte) 0x92, 0x26, (byte) 0x89, (byte) 0x93, (byte) 0xF2, 0x2C, 0x64, 0x01, 0x19};

    private boolean isOid(int s, int e, byte[] oid) {
        if (e - s != oid.length) {
            return false;
        }
        for (int i = 0; i < oid.length; i++) {
            if (buf[s + i] != oid[i]) {
                return false;
            }
        }
        return true;
    }

    // 1.3.6.1.4.1.311.60.2.1 (EV jurisdiction) and 1.2.840.113549.1.9 (PKCS#9) prefixes
    private static final byte[] OID_MS_JURISDICTION = {0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x3C, 0x02, 0x01};
    private static final byte[] OID_PKCS9 = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x09};

    /**
     * x509-parser's oid2abbrev: CN, C, L, ST, O, OU, DC, Email, else the short name of its OID
     * registry, else {@code OID(1.2.3)} (checked against Suricata 7.0.10: serialNumber,
     * streetAddress, title, OID(2.5.4.97)).
     */
    private void appendAttributeType(StringBuilder sb, int s, int e) {
        String n = null;
        if (e - s == 3 && buf[s] == 0x55 && buf[s + 1] == 0x04) { // 2.5.4.x
            n = switch (buf[s + 2] & 0xFF) {
                case 0 -> "objectClass";
                case 1 -> "aliasedEntryName";
                case 2 -> "knowledgeInformation";
                case 3 -> "CN";
                case 4 -> "surname";
                case 5 -> "serialNumber";
                case 6 -> "C";
                case 7 -> "L";
                case 8 -> "ST";
                case 9 -> "streetAddress";
                case 10 -> "O";
                case 11 -> "OU";
                case 12 -> "title";
                case 13 -> "description";
                case 14 -> "searchGuide";
                case 15 -> "businessCategory";
                case 16 -> "postalAddress";
                case 17 -> "postalCode";
                case 41 -> "name";
                case 42 -> "givenName";
                case 43 -> "initials";
                case 44 -> "generationQualifier";
                case 45 -> "uniqueIdentifier";
                case 46 -> "dnQualifier";
                default -> null;
            };
        } else if (isOid(s, e, OID_DC)) {
            n = "DC";
        } else if (e - s == OID_PKCS9.length + 1 && startsWith(s, OID_PKCS9)) {
            n = switch (buf[e - 1]) {
                case 1 -> "Email";
                case 2 -> "unstructuredName";
                case 3 -> "contentType";
                case 4 -> "id-messageDigest";
                case 5 -> "signing-time";
                case 14 -> "extensionRequest";
                case 15 -> "smimeCapabilities";
                case 20 -> "friendlyName";
                default -> null;
            };
        } else if (e - s == OID_MS_JURISDICTION.length + 1 && startsWith(s, OID_MS_JURISDICTION)) {
            n = switch (buf[e - 1]) {
                case 1 -> "msJurisdictionLocality";
                case 2 -> "msJurisdictionStateOrProvince";
                case 3 -> "msJurisdictionCountry";
                default -> null;
            };
        }
        if (n != null) {
            sb.append(n);
            return;
        }
        sb.append("OID(");
        appendDottedOid(sb, s, e);
        sb.append(')');
    }

    private boolean startsWith(int s, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (buf[s + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void appendDottedOid(StringBuilder sb, int s, int e) {
        long v = 0;
        boolean first = true;
        for (int i = s; i < e; i++) {
            int b = buf[i] & 0xFF;
            if (v > (Long.MAX_VALUE >>> 8)) {
                return; // absurd arc: stop rather than overflow
            }
            v = (v << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    long a = v < 80 ? v / 40 : 2;
                    sb.append(a).append('.').append(v - a * 40);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
    }

    /** UTCTime or GeneralizedTime (…Z) as epoch seconds, Long.MIN_VALUE when malformed. */
    private long time(int t, int s, int e) {
        int year;
        int p;
        if (t == 0x17 && e - s >= 13) {
            int yy = digits(s, 2);
            if (yy < 0) {
                return Long.MIN_VALUE;
            }
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            p = s + 2;
        } else if (t == 0x18 && e - s >= 15) {
            year = digits(s, 4);
            p = s + 4;
        } else {
            return Long.MIN_VALUE;
        }
        int mon = digits(p, 2);
        int day = digits(p + 2, 2);
        int hour = digits(p + 4, 2);
        int min = digits(p + 6, 2);
        int sec = digits(p + 8, 2);
        if (year < 0 || mon < 1 || mon > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || min < 0
                || min > 59 || sec < 0 || sec > 60) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.of(year, mon, day, hour, min, Math.min(sec, 59)).toEpochSecond(ZoneOffset.UTC);
        } catch (java.time.DateTimeException ex) {
            return Long.MIN_VALUE; // e.g. 31 February
        }
    }

    private int digits(int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = buf[p + i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** Reads the TLV at pos inside [pos, limit) into tag/start/end; false when it does not fit. */
    private boolean tlv(int pos, int limit) {
        if (pos + 2 > limit) {
            return false;
        }
        int t = buf[pos] & 0xFF;
        if ((t & 0x1F) == 0x1F) {
            return false; // high tag numbers do not occur in the fields we read
        }
        int l = buf[pos + 1] & 0xFF;
        int p = pos + 2;
        if (l >= 0x80) {
            int n = l & 0x7F;
            if (n == 0 || n > 4 || p + n > limit) {
                return false; // indefinite length is not DER
            }
            long len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (buf[p + i] & 0xFF);
            }
            p += n;
            if (len > limit - p) {
                return false;
            }
            l = (int) len;
        } else if (l > limit - p) {
            return false;
        }
        tag = t;
        start = p;
        end = p + l;
        return true;
    }
}
