package dev.rampart.engine.detect.keyword;

import dev.rampart.engine.detect.AfterPayloadMatcher;
import dev.rampart.engine.detect.DetectContext;
import dev.rampart.engine.detect.RuleBuilder;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.keyword.payload.Asn1Option;

/**
 * {@code asn1}: decodes the packet's payload as BER objects and matches when one of them is
 * malformed in a way the rule names: {@code oversize_length n} (an object longer than n),
 * {@code bitstring_overflow} (a BIT STRING whose unused-bits count exceeds its bits) or
 * {@code double_overflow} (a decimal-encoded REAL over 256 bytes, the old MSASN1 overflow).
 *
 * <p>As Suricata 7 it is a packet keyword run after the payload keywords: it reads the packet's
 * payload (even when the contents matched in the stream) from {@code absolute_offset}, or from
 * {@code relative_offset} past the end of the last payload match, or from 0. What it accepts as
 * BER follows Suricata 7.0.10, measured with the reference on crafted payloads (see
 * {@code Asn1KeywordTest}): objects are decoded one after the other until one does not parse
 * (those before it are checked); more than {@link #MAX_FRAMES} top-level objects, or an offset off
 * the payload, match nothing. Only universal SEQUENCE and SET are looked into; other constructed
 * objects (context, application, constructed strings) are checked as a whole. Decoding refuses what
 * the reference's decoder refuses: a BOOLEAN not one byte long, an empty BIT STRING, a primitive
 * SEQUENCE or SET, BOOLEAN, BIT STRING, ENUMERATED and the string and time types in constructed form,
 * an ENUMERATED beyond 32 bits, strings outside their character set (ASCII for most, UTF-8 for
 * UTF8String, UCS-2 for BMPString), malformed UTCTime and GeneralizedTime, a primitive object of
 * indefinite length, a tag number with a leading 0x80 octet, a length of more than 8 octets (or
 * 0xFF), an object that runs past what holds it, an indefinite length without its end-of-contents.
 * An indefinite length that is not looked into is skipped by its objects' headers alone.
 *
 * <p>Allocation-free: positions come back as ints, {@link #MATCHED} marking a check that matched.
 */
public final class Asn1Keyword implements AfterPayloadMatcher {
    /** Suricata 7.0.10's asn1-max-frames default: top-level objects, and nesting depth. */
    static final int MAX_FRAMES = 256;

    private static final int ERROR = -1;
    /** Set in a returned position: a check matched (positions stay below 2^16, payloads being shorter). */
    private static final int MATCHED = 1 << 30;

    private final boolean bitstringOverflow;
    private final boolean doubleOverflow;
    /** -1: not checked. */
    private final long oversizeLength;
    /** -1: none. */
    private final int absoluteOffset;
    /** null: none. */
    private final Integer relativeOffset;

    Asn1Keyword(Asn1Option o) {
        this.bitstringOverflow = o.bitstringOverflow();
        this.doubleOverflow = o.doubleOverflow();
        this.oversizeLength = o.oversizeLength() == null ? -1 : o.oversizeLength();
        this.absoluteOffset = o.absoluteOffset() == null ? -1 : o.absoluteOffset();
        this.relativeOffset = o.relativeOffset();
    }

    public static void compile(RuleOption option, RuleBuilder rule) {
        rule.addAfterPayloadMatcher(new Asn1Keyword((Asn1Option) option));
    }

    @Override
    public boolean matches(DetectContext ctx, int bufferOffset) {
        return matches(ctx.payload, ctx.payloadLength, bufferOffset);
    }

    /** Whether {@code data[0, len)} (a packet payload) matches, the last payload match ending at {@code bufferOffset}. */
    boolean matches(byte[] data, int len, int bufferOffset) {
        if (len <= 0) {
            return false;
        }
        long start;
        if (absoluteOffset >= 0) {
            start = absoluteOffset;
        } else if (relativeOffset != null) {
            start = (bufferOffset & 0xFFFF_FFFFL) + relativeOffset;
            if (start < 0 || start > 0xFFFF) { // Suricata: the sum must be a 16-bit offset
                return false;
            }
        } else {
            start = 0;
        }
        if (start >= len) {
            return false;
        }
        int pos = (int) start;
        int frames = 0;
        boolean matched = false;
        while (pos < len) {
            if (frames >= MAX_FRAMES) {
                return false; // the reference's decode fails as a whole
            }
            int r = object(data, pos, len, MAX_FRAMES, false);
            if (r == ERROR) {
                break; // the objects before it are still checked
            }
            frames++;
            matched |= (r & MATCHED) != 0;
            pos = r & ~MATCHED;
        }
        return matched;
    }

    /**
     * Decodes the object at {@code p} of {@code b} that must end by {@code end}; returns where it
     * ends, with {@link #MATCHED} set when a check matched on it or inside it, or {@link #ERROR}.
     * {@code skip}: only its header is read and it is stepped over, an indefinite length by its
     * objects' headers (the reference skips what it does not look into without decoding it).
     */
    private int object(byte[] b, int p, int end, int depth, boolean skip) {
        if (depth == 0 || p >= end) {
            return ERROR;
        }
        int id = b[p++] & 0xFF;
        int cls = id >>> 6;
        boolean constructed = (id & 0x20) != 0;
        long tag = id & 0x1F;
        if (tag == 0x1F) { // the tag number in the following octets, 7 bits each
            if (p >= end || (b[p] & 0xFF) == 0x80) {
                return ERROR;
            }
            tag = 0;
            int octets = 0;
            while (true) {
                if (p >= end || ++octets > 5) {
                    return ERROR;
                }
                int o = b[p++] & 0xFF;
                tag = (tag << 7) | (o & 0x7F);
                if ((o & 0x80) == 0) {
                    break;
                }
            }
            if (tag > 0xFFFF_FFFFL && !skip) {
                return ERROR;
            }
        }
        if (p >= end) {
            return ERROR;
        }
        int l0 = b[p++] & 0xFF;
        long length = 0;
        boolean indefinite = l0 == 0x80;
        if (l0 < 0x80) {
            length = l0;
        } else if (l0 == 0xFF) {
            return ERROR;
        } else if (!indefinite) {
            int n = l0 & 0x7F;
            if (n > 8 || p + n > end) {
                return ERROR;
            }
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (b[p++] & 0xFF);
            }
            if (length < 0) {
                return ERROR;
            }
        }
        if (indefinite && !constructed) {
            return ERROR;
        }
        if (!indefinite && length > end - p) {
            return ERROR; // runs past what holds it
        }
        int content = p;
        if (skip) {
            return indefinite ? children(b, content, end, depth, true) : (int) (content + length);
        }
        boolean universal = cls == 0;
        if (universal && sequenceOrSet(tag)) {
            if (!constructed) {
                return ERROR;
            }
            int m = !indefinite && checks(b, cls, true, tag, length, content, 0) ? MATCHED : 0;
            if (indefinite) {
                int r = children(b, content, end, depth, false);
                return r == ERROR ? ERROR : r | m;
            }
            int contentEnd = (int) (content + length);
            int q = content;
            while (q < contentEnd) {
                int r = object(b, q, contentEnd, depth - 1, false);
                if (r == ERROR) {
                    return ERROR;
                }
                m |= r & MATCHED;
                q = r & ~MATCHED;
            }
            return contentEnd | m;
        }
        if (constructed) {
            if (universal && !constructedAllowed(tag)) {
                return ERROR;
            }
            // checked as a whole, what it holds not decoded (an indefinite one is skipped to its end)
            if (indefinite) {
                int r = children(b, content, end, depth, true);
                if (r == ERROR) {
                    return ERROR;
                }
                return r | (checks(b, cls, true, tag, 0, content, 0) ? MATCHED : 0);
            }
        } else if (universal && !valid(b, tag, content, (int) length)) {
            return ERROR;
        }
        int contentEnd = (int) (content + length);
        return contentEnd | (checks(b, cls, constructed, tag, length, content, (int) length) ? MATCHED : 0);
    }

    /**
     * The objects of an indefinite length, up to and past its end-of-contents ({@code skip}: stepped
     * over, see {@link #object}); returns where that ends (with {@link #MATCHED}), or {@link #ERROR}.
     */
    private int children(byte[] b, int p, int end, int depth, boolean skip) {
        int m = 0;
        while (true) {
            if (p + 2 <= end && b[p] == 0 && b[p + 1] == 0) {
                return (p + 2) | m;
            }
            int r = object(b, p, end, depth - 1, skip);
            if (r == ERROR) {
                return ERROR;
            }
            m |= r & MATCHED;
            p = r & ~MATCHED;
        }
    }

    /** The rule's checks on one object: its header length and its own content bytes (0 when it has none). */
    private boolean checks(byte[] b, int cls, boolean constructed, long tag, long headerLength, int content,
            int contentLength) {
        if (oversizeLength >= 0 && (headerLength > oversizeLength || contentLength > oversizeLength)) {
            return true;
        }
        if (cls != 0 || constructed || headerLength == 0) {
            return false;
        }
        if (bitstringOverflow && tag == 3 && (b[content] & 0xFF) > headerLength * 8) {
            return true;
        }
        // a decimal (ISO 6093) encoding: bits 8 and 7 of the first octet clear
        return doubleOverflow && tag == 9 && (b[content] & 0xC0) == 0 && headerLength > 256;
    }

    /** The reference decoder's checks of a primitive universal object's content. */
    private static boolean valid(byte[] b, long tag, int p, int n) {
        return switch ((int) tag) {
            case 1 -> n == 1; // BOOLEAN
            case 3 -> n > 0; // BIT STRING: its unused-bits octet
            case 10 -> enumerated(b, p, n);
            case 12 -> utf8(b, p, n); // UTF8String
            case 7, 22, 25, 27 -> ascii(b, p, n, 0); // ObjectDescriptor, IA5String, GraphicString, GeneralString
            case 20, 21, 26 -> ascii(b, p, n, 0x20); // T61String, VideotexString, VisibleString: no control octets
            case 18 -> charset(b, p, n, true); // NumericString
            case 19 -> charset(b, p, n, false); // PrintableString
            case 23 -> utcTime(b, p, n);
            case 24 -> generalizedTime(b, p, n);
            case 30 -> bmp(b, p, n);
            default -> true;
        };
    }

    /** A value of at most 32 bits once its leading zero octets are dropped (measured: 9 zero octets pass, 01 00 00 00 00 not). */
    private static boolean enumerated(byte[] b, int p, int n) {
        int i = p;
        while (i < p + n && b[i] == 0) {
            i++;
        }
        return p + n - i <= 4;
    }

    /** Octets from {@code min} to 0x7F. */
    private static boolean ascii(byte[] b, int p, int n, int min) {
        for (int i = p; i < p + n; i++) {
            if (b[i] < min) {
                return false;
            }
        }
        return true;
    }

    private static boolean charset(byte[] b, int p, int n, boolean numeric) {
        for (int i = p; i < p + n; i++) {
            int c = b[i] & 0xFF;
            boolean ok = c == ' ' || (c >= '0' && c <= '9');
            if (!numeric) {
                ok |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || "'()+,-./:=?".indexOf(c) >= 0;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Well-formed UTF-8: no overlong forms, surrogates or code points above U+10FFFF. */
    static boolean utf8(byte[] b, int p, int n) {
        int i = p;
        int e = p + n;
        while (i < e) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            int min;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                return false;
            }
            if (i + more >= e) {
                return false;
            }
            for (int k = 1; k <= more; k++) {
                int t = b[i + k] & 0xFF;
                if ((t & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (t & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += more + 1;
        }
        return true;
    }

    /** UTF-16BE code units, each a character of its own: an even length and no surrogates (measured: a valid pair fails). */
    private static boolean bmp(byte[] b, int p, int n) {
        if ((n & 1) != 0) {
            return false;
        }
        for (int i = p; i < p + n; i += 2) {
            int u = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
            if (u >= 0xD800 && u <= 0xDFFF) {
                return false;
            }
        }
        return true;
    }

    /** Two decimal digits at {@code i}, or -1. */
    private static int twoDigits(byte[] b, int i) {
        int d1 = b[i] - '0';
        int d2 = b[i + 1] - '0';
        return d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9 ? -1 : d1 * 10 + d2;
    }

    /** A zone at the end: "Z" or +hhmm / -hhmm; {@code emptyOk} for a GeneralizedTime's local time. */
    private static boolean zone(byte[] b, int i, int e, boolean emptyOk) {
        int left = e - i;
        if (left == 0) {
            return emptyOk;
        }
        if (left == 1) {
            return b[i] == 'Z';
        }
        return left == 5 && (b[i] == '+' || b[i] == '-') && twoDigits(b, i + 1) >= 0 && twoDigits(b, i + 3) >= 0;
    }

    /**
     * The date and time fields the reference decodes in both time types: a year of {@code yearDigits}
     * digits, month, day, hour, minute, then seconds when two more octets follow; returns where they
     * end, or -1 when a field is no number or out of range (month 0 and day 0 pass, as there).
     */
    private static int dateTime(byte[] b, int p, int e, int yearDigits) {
        int year = twoDigits(b, p) | (yearDigits == 4 ? twoDigits(b, p + 2) : 0);
        int q = p + yearDigits;
        int month = twoDigits(b, q);
        int day = twoDigits(b, q + 2);
        int hour = twoDigits(b, q + 4);
        int minute = twoDigits(b, q + 6);
        int i = q + 8;
        int second = 0;
        if (e - i >= 2) {
            second = twoDigits(b, i);
            i += 2;
        }
        if ((year | month | day | hour | minute | second) < 0 || month > 12 || day > 31 || hour > 23 || minute > 59
                || second > 59) {
            return -1;
        }
        return i;
    }

    /** YYMMDDhhmm and at least one octet more: seconds, then a zone ("Z", +hhmm, -hhmm). */
    private static boolean utcTime(byte[] b, int p, int n) {
        int e = p + n;
        int i = n < 11 ? -1 : dateTime(b, p, e, 2);
        return i >= 0 && i < e && zone(b, i, e, false);
    }

    /**
     * YYYYMMDDhhmm and at least one octet more: seconds, a fraction of up to five digits after '.'
     * or ',', and a zone ("Z", +hhmm, -hhmm) or none.
     */
    private static boolean generalizedTime(byte[] b, int p, int n) {
        int e = p + n;
        int i = n < 13 ? -1 : dateTime(b, p, e, 4);
        if (i < 0) {
            return false;
        }
        if (i < e && (b[i] == '.' || b[i] == ',')) {
            i++;
            int digits = 0;
            while (digits < 5 && i < e && b[i] != 'Z' && b[i] != '+' && b[i] != '-') {
                if (b[i] < '0' || b[i] > '9') {
                    return false;
                }
                i++;
                digits++;
            }
        }
        return zone(b, i, e, true);
    }

    private static boolean sequenceOrSet(long tag) {
        return tag == 16 || tag == 17;
    }

    /**
     * Universal types the reference decoder takes in constructed form, as a whole, without looking at
     * what they hold (measured for every tag 0-30: these pass, BOOLEAN, BIT STRING, ENUMERATED and the
     * character string and time types fail).
     */
    private static boolean constructedAllowed(long tag) {
        return tag == 0 || tag == 2 || tag == 4 || tag == 5 || tag == 6 || tag == 8 || tag == 9 || tag == 11
                || tag == 13 || tag == 14 || tag == 15 || tag == 29 || tag >= 31;
    }
}
