package dev.rampart.engine.detect.seclang.operator;

import java.util.List;
import java.util.Map;

/**
 * The names and values @detectXSS treats as script: libinjection 3.9.2's tag, attribute and URL
 * scheme blacklists and its comment checks, applied to a token {@code [from, from + n)} of a
 * Latin-1 byte string. Names are compared with ASCII case folding only, skipping NUL bytes in
 * the input as libinjection does.
 */
final class XssBlacklist {
    private XssBlacklist() {
    }

    /** How an attribute is dangerous. */
    enum AttrType {
        /** Harmless. */
        NONE,
        /** Script whatever its value (event handlers, IE data binding, xmlns/xlink). */
        BLACK,
        /** Takes a URL: dangerous with a script-like scheme. */
        URL,
        /** Inline style: always treated as dangerous. */
        STYLE,
        /** Its value names another attribute (SVG animation), which is then checked. */
        INDIRECT
    }

    private static final List<String> TAGS = List.of(
            "APPLET", "BASE", "COMMENT", "EMBED", "FRAME", "FRAMESET", "HANDLER", "IFRAME", "IMPORT",
            "ISINDEX", "LINK", "LISTENER", "META", "NOSCRIPT", "OBJECT", "SCRIPT", "STYLE", "VMLFRAME",
            "XML", "XSS");

    private static final Map<String, AttrType> ATTRIBUTES = Map.ofEntries(
            Map.entry("ACTION", AttrType.URL),
            Map.entry("ATTRIBUTENAME", AttrType.INDIRECT),
            Map.entry("BY", AttrType.URL),
            Map.entry("BACKGROUND", AttrType.URL),
            Map.entry("DATAFORMATAS", AttrType.BLACK),
            Map.entry("DATASRC", AttrType.BLACK),
            Map.entry("DYNSRC", AttrType.URL),
            Map.entry("FILTER", AttrType.STYLE),
            Map.entry("FORMACTION", AttrType.URL),
            Map.entry("FOLDER", AttrType.URL),
            Map.entry("FROM", AttrType.URL),
            Map.entry("HANDLER", AttrType.URL),
            Map.entry("HREF", AttrType.URL),
            Map.entry("LOWSRC", AttrType.URL),
            Map.entry("POSTER", AttrType.URL),
            Map.entry("SRC", AttrType.URL),
            Map.entry("STYLE", AttrType.STYLE),
            Map.entry("TO", AttrType.URL),
            Map.entry("VALUES", AttrType.URL),
            Map.entry("XLINK:HREF", AttrType.URL));

    /** Schemes checked at the start of URL values: "JAVA" covers javascript: and friends. */
    private static final List<String> SCHEMES = List.of("DATA", "VIEW-SOURCE", "JAVA", "VBSCRIPT");

    /** A blacklisted tag name, or any name starting with svg or xsl (as written, NULs not skipped). */
    static boolean isBlackTag(String s, int from, int n) {
        if (n < 3) {
            return false;
        }
        for (String tag : TAGS) {
            if (sameName(tag, s, from, n)) {
                return true;
            }
        }
        return startsWithRaw(s, from, "SVG") || startsWithRaw(s, from, "XSL");
    }

    /** The danger of an attribute name: on* event handlers and xmlns/xlink prefixes only count from 5 bytes. */
    static AttrType attrType(String s, int from, int n) {
        if (n < 2) {
            return AttrType.NONE;
        }
        if (n >= 5) {
            if (startsWithRaw(s, from, "ON")) {
                return AttrType.BLACK;
            }
            // a 5-byte prefix compared with NUL skipping only matches when it holds no NUL
            if (sameName("XMLNS", s, from, 5) || sameName("XLINK", s, from, 5)) {
                return AttrType.BLACK;
            }
        }
        for (Map.Entry<String, AttrType> e : ATTRIBUTES.entrySet()) {
            if (sameName(e.getKey(), s, from, n)) {
                return e.getValue();
            }
        }
        return AttrType.NONE;
    }

    /**
     * Whether a URL value starts with a blacklisted scheme word: leading control, space and
     * non-ASCII bytes skipped, then HTML numeric character references decoded on the fly, with
     * decoded leading white space, NULs and newlines ignored.
     */
    static boolean isBlackUrl(String s, int from, int n) {
        while (n > 0 && (s.charAt(from) <= 32 || s.charAt(from) >= 127)) {
            from++;
            n--;
        }
        for (String scheme : SCHEMES) {
            if (encodedStartsWith(scheme, s, from, n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A comment that hides script: a backquote (IE closes tags with it), IE conditional comments
     * ({@code [if}), {@code xml} processing instructions, {@code <?import} and entity definitions.
     */
    static boolean isBlackComment(String s, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (s.charAt(i) == '`') {
                return true;
            }
        }
        if (n > 3) {
            if (s.charAt(from) == '[' && startsWithRaw(s, from + 1, "IF")) {
                return true;
            }
            if (startsWithRaw(s, from, "XML")) {
                return true;
            }
        }
        return n > 5 && (sameName("IMPORT", s, from, 6) || sameName("ENTITY", s, from, 6));
    }

    /**
     * Whether the n bytes at {@code from}, NULs left out and a-z upper-cased, spell exactly
     * {@code upper}.
     */
    static boolean sameName(String upper, String s, int from, int n) {
        int k = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                continue;
            }
            if (k >= upper.length() || upcase(c) != upper.charAt(k)) {
                return false;
            }
            k++;
        }
        return k == upper.length();
    }

    /**
     * Whether the HTML-encoded n bytes at {@code from} start with {@code upper} (case folded):
     * leading decoded values up to 32 are skipped, NULs and newlines ignored anywhere, and a
     * decoded value is compared by its low byte, as libinjection's C char comparison does.
     */
    private static boolean encodedStartsWith(String upper, String s, int from, int n) {
        int[] consumed = new int[1];
        int i = from;
        int left = n;
        int k = 0;
        boolean leading = true;
        while (left > 0) {
            if (k == upper.length()) {
                return true;
            }
            int cb = decodeAt(s, i, left, consumed);
            i += consumed[0];
            left = consumed[0] > left ? 0 : left - consumed[0];
            if (leading && cb <= 32) {
                continue;
            }
            leading = false;
            if (cb == 0 || cb == '\n') {
                continue;
            }
            if (cb >= 'a' && cb <= 'z') {
                cb -= 0x20;
            }
            if (upper.charAt(k) != (cb & 0xFF)) {
                return false;
            }
            k++;
        }
        return k == upper.length();
    }

    /** Above this a numeric reference is not decoded (the '&' stands for itself). */
    private static final int MAX_REFERENCE = 0x1000FF;

    /**
     * The value of the (possibly encoded) char at {@code i}, {@code left} bytes remaining in the
     * token: {@code &#DDD;} and {@code &#xHHH;} (the ';' optional) are decoded, any other '&'
     * stands for itself. Like libinjection, the bytes right after a short token are looked at
     * (they are its delimiter, or the end of input read as NUL).
     */
    private static int decodeAt(String s, int i, int left, int[] consumed) {
        consumed[0] = 1;
        char c = s.charAt(i);
        if (c != '&' || left < 2) {
            return c;
        }
        if (byteAt(s, i + 1) != '#') {
            return '&'; // named references are not decoded
        }
        boolean hex = byteAt(s, i + 2) == 'x' || byteAt(s, i + 2) == 'X';
        int j = hex ? 3 : 2;
        int val = digit(byteAt(s, i + j), hex);
        if (val < 0) {
            return '&';
        }
        j++;
        while (j < left) {
            char ch = s.charAt(i + j);
            if (ch == ';') {
                consumed[0] = j + 1;
                return val;
            }
            int d = digit(ch, hex);
            if (d < 0) {
                consumed[0] = j;
                return val;
            }
            val = val * (hex ? 16 : 10) + d;
            if (val > MAX_REFERENCE) {
                return '&';
            }
            j++;
        }
        consumed[0] = j;
        return val;
    }

    private static char byteAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static int digit(char ch, boolean hex) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (hex && ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (hex && ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return -1;
    }

    /** Whether the bytes at {@code from} start with {@code upper}, ASCII case folded, NULs not skipped. */
    private static boolean startsWithRaw(String s, int from, String upper) {
        if (from + upper.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < upper.length(); k++) {
            if (upcase(s.charAt(from + k)) != upper.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char upcase(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 0x20) : c;
    }
}
